package stancegraph.corenlp;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import com.sun.net.httpserver.spi.HttpServerProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server, except that a server asked to listen on the wildcard address listens on 127.0.0.1.
 *
 * <p>StanfordCoreNLPServer creates its server with {@code new InetSocketAddress(port)} (every interface) and
 * has no option to choose the address. The launcher (src/runtime/corenlp-server.ts) names this class in the
 * system property {@code com.sun.net.httpserver.HttpServerProvider}, which the JDK consults before its own
 * default. It uses only JDK API and knows nothing of CoreNLP.
 */
public final class LoopbackHttpServerProvider extends HttpServerProvider {
  private static final InetAddress LOOPBACK = loopback();

  /** The JDK's own provider, which this one wraps: exported to us by the launcher's --add-exports. */
  private final HttpServerProvider jdk;

  public LoopbackHttpServerProvider() throws ReflectiveOperationException {
    jdk =
        (HttpServerProvider)
            Class.forName("sun.net.httpserver.DefaultHttpServerProvider")
                .getConstructor()
                .newInstance();
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static InetSocketAddress onLoopback(InetSocketAddress address) {
    if (address == null || address.getAddress() == null || !address.getAddress().isAnyLocalAddress()) {
      return address;
    }
    return new InetSocketAddress(LOOPBACK, address.getPort());
  }

  @Override
  public HttpServer createHttpServer(InetSocketAddress address, int backlog) throws IOException {
    return jdk.createHttpServer(onLoopback(address), backlog);
  }

  @Override
  public HttpsServer createHttpsServer(InetSocketAddress address, int backlog) throws IOException {
    return jdk.createHttpsServer(onLoopback(address), backlog);
  }
}
