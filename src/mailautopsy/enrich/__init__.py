"""Online investigation (opt-in: `--online`, `--visit`): every network lookup lives here,
behind small providers with timeouts and a cache, so that analysis without these
options never touches the network."""
