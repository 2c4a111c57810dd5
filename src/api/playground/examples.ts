/** The queries the playground opens with: the two questions of the mission, and a few more to try. */
export const EXAMPLE_QUERIES = `# stancegraph: every answer carries its evidence (sentence, verbatim quote, offsets).
# Press the ▶ button and pick an operation.

query WhoSupportsTheLimitedCeasefire {
  supporters(of: "limited ceasefire") {
    kind
    polarity
    actor { name kind }
    evidence { quote start end sentence { text } }
  }
}

query WhichAttacksWereCitedAsObjections {
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

query ConditionsForAFullCeasefire {
  conditions(for: "full ceasefire") {
    condition { name }
    setBy { actor { name } evidence { quote } }
    rejectedBy { actor { name } evidence { quote } }
  }
}

query PutinsNeighbourhood {
  neighborhood(of: "Putin", depth: 1) {
    nodes { id name kind }
    edges { type kind from { name } to { name } evidence { quote } }
  }
}
`;
