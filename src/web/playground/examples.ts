import type { PlaygroundTab } from './playground.router';

/** The playground opens with one tab per question: the two of the mission first, then a few more to try. */
export const EXAMPLE_TABS: PlaygroundTab[] = [
  {
    query: `# stancegraph: every answer carries its evidence (sentence, verbatim quote, offsets).
# Press ▶ to run; the other tabs hold more questions.
query WhoSupportsTheLimitedCeasefire {
  supporters(of: "limited ceasefire") {
    kind
    polarity
    actor { name kind }
    evidence { quote start end sentence { text } }
  }
}
`,
  },
  {
    query: `query WhichAttacksWereCitedAsObjections {
  citedAsObjections {
    cited {
      name
      relations(types: [TARGETED], direction: OUT) { to { name } }
    }
    by { name }
    objection { kind target { name } respondsTo { kind actor { name } target { name } } }
    evidence { quote sentence { text } }
  }
}
`,
  },
  {
    query: `query ConditionsForAFullCeasefire {
  conditions(for: "full ceasefire") {
    condition { name }
    setBy { actor { name } evidence { quote } }
    rejectedBy { actor { name } evidence { quote } }
  }
}
`,
  },
  {
    query: `query PutinsNeighbourhood {
  neighborhood(of: "Putin", depth: 1) {
    nodes { id name kind }
    edges { type kind from { name } to { name } evidence { quote } }
  }
}
`,
  },
];

export const EXAMPLE_QUERIES = EXAMPLE_TABS[0].query ?? '';
