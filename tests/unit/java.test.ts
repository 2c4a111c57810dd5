import { parseJavaMajor } from '../../src/runtime/java';

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6)', 17],
    ['java version "1.8.0_392"\nJava(TM) SE Runtime Environment (build 1.8.0_392-b08)', 8],
    ['openjdk version "21" 2023-09-19', 21],
    ['openjdk version "11.0.2" 2019-01-15', 11],
  ])('reads the major version from %j', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  it.each(['', 'command not found', 'version "abc"', 'openjdk 17.0.15 2025-04-15'])(
    'answers undefined for %j',
    (output) => {
      expect(parseJavaMajor(output)).toBeUndefined();
    },
  );
});
