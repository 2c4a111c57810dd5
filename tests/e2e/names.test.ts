import { TestService, startTestService } from '../support/service';

/**
 * Name resolution through GraphQL on the seed corpus (docs/names.md), mostly with names that are not in
 * the unit table (tests/unit/name-ranking.test.ts): the rule must hold for names nobody tuned it to.
 */
let svc: TestService;

beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc?.close());

/** What `supporters(of:)`-style arguments make of a name: an id, or AMBIGUOUS/UNKNOWN with candidates. */
async function outcome(name: string): Promise<string> {
  const { body } = await svc.gql(
    'query ($of: String!) { neighborhood(of: $of, depth: 1) { nodes { id } } }',
    { of: name },
  );
  const error = body.errors?.[0];
  if (!error) {
    const { body: match } = await svc.gql<{ resolve: { entity: { id: string } }[] }>(
      'query ($name: String!) { resolve(name: $name, first: 1) { entity { id } } }',
      { name },
    );
    return match.data!.resolve[0].entity.id;
  }
  const ext = error.extensions as { reason: string; candidates: { id: string }[] };
  // An unknown name lists its nearest few: the nearest is what the table names.
  const listed = ext.reason === 'UNKNOWN' ? ext.candidates.slice(0, 1) : ext.candidates;
  return [ext.reason, ...listed.map((c) => c.id).sort()].join(' ');
}

describe('names that are not in the unit table resolve by the same rule', () => {
  it.each([
    ['THE KREMLIN STATEMENT FOLLOWING THE TRUMP-PUTIN CALL', 'kremlin-statement-on-trump-putin-call'],
    ['Trump-Putin call', 'trump-putin-call'],
    ['Trump‐Putin call', 'trump-putin-call'],
    ['Trump call', 'trump-putin-call'],
    ['Kremlin statement', 'kremlin-statement-on-trump-putin-call'],
    ['Scholz', 'scholz'],
    ['Starmer', 'starmer'],
    ['Keir Starmer', 'starmer'],
    ['ukraines european allies', 'ukraine-european-allies'],
    ['Ukraine energy infrastructure', 'ukraine-energy-infrastructure'],
    ['30-day ceasefire', 'ceasefire-30-day'],
    ['ceasefire proposal', 'ceasefire-30-day'],
    ['energy ceasefire', 'energy-ceasefire'],
    ['peace talks', 'jeddah-peace-talks'],
    ['peace agreement', 'russia-ukraine-peace-agreement'],
    ['Ukraine war', 'russia-ukraine-war'],
    ['drone strikes', 'ukraine-strikes-russian-oil-gas'],
    ['End of foreign military aid', 'end-foreign-military-aid-ukraine'],
    ['Finland visit', 'zelensky-finland-visit'],
    ['Sumy hospitals', 'sumy-hospitals'],
    ['Russian Territory', 'russian-territory'],
    ['talks', 'jeddah-peace-talks'],
    ['Russian attacks', 'russian-drone-attacks'],
    ['Olaf Sholz', 'UNKNOWN scholz'],
    ['Angela Merkel', 'UNKNOWN'],
  ])('%s → %s', async (name, expected) => {
    expect(await outcome(name)).toBe(expected);
  });

  it('resolve(name:) says how each candidate matched, with its score', async () => {
    type Match = { entity: { id: string }; score: number; matchedOn: string; matchKind: string };
    const { body } = await svc.gql<{ a: Match[]; b: Match[]; c: Match[] }>(`{
      a: resolve(name: "putin", first: 1) { entity { id } score matchedOn matchKind }
      b: resolve(name: "The Kremlin statement", first: 2) { entity { id } score matchedOn matchKind }
      c: resolve(name: "Zelenskyy", first: 1) { entity { id } score matchedOn matchKind } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.a[0]).toEqual({
      entity: { id: 'putin' },
      score: 1,
      matchedOn: 'putin',
      matchKind: 'ID',
    });
    expect(body.data!.b[0]).toMatchObject({
      entity: { id: 'kremlin-statement-on-trump-putin-call' },
      matchKind: 'PARTIAL',
    });
    expect(body.data!.c[0]).toMatchObject({ entity: { id: 'zelensky' }, matchKind: 'FUZZY' });
  });

  it('an ambiguous name lists the close candidates with their scores', async () => {
    const { body } = await svc.gql('{ supporters(of: "ceasefire") { id } }');
    const ext = body.errors?.[0].extensions as {
      candidates: { id: string; score: number; matchKind: string }[];
    };
    expect(ext.candidates.every((c) => c.matchKind === 'PARTIAL' && c.score > 0.5)).toBe(true);
  });
});
