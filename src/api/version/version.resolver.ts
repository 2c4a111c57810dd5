import { Query, Resolver } from 'type-graphql';
import { version } from '../../../package.json';

@Resolver()
export class VersionResolver {
  @Query(() => String, { description: 'The version of the stancegraph service answering.' })
  version(): string {
    return version;
  }
}
