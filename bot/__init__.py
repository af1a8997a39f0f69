"""The career advisor's own package, by layer (from the top; pyproject.toml's import contracts hold them):

- `bot.cli`: the command line (`python -m bot`);
- `bot.serving`: processes, tracker store, Rasa fixes and the web channel; `bot.insights`: the owner's
  report; and `actions/`, which only adapts `bot.advice` to rasa-sdk: none imports another;
- `bot.advice`: the answer logic, plain Python with no Rasa types; `bot.nlu`: what the build generates
  for Rasa (spaCy pipeline, NLU data, rules) and the NLU components: neither imports the other;
- `bot.language`: word lists and the scope guard; `bot.contact`: the contact for a person;
- `bot.knowledge`: the typed knowledge base, its loader, surface forms and the readiness slot names;
- `bot.paths`: where the files are.
"""
