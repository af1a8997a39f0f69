"""The career advisor's own package, by layer.

- `bot.knowledge`: the typed knowledge base, its loader and its surface forms;
- `bot.nlu`: what the build generates for Rasa (spaCy pipeline, NLU data, rules) and the NLU component;
- `bot.advice`: the answer logic, plain Python with no Rasa types;
- `bot.serving`: processes, tracker store, Rasa fixes and the web channel.

`actions/` only adapts `bot.advice` to rasa-sdk.
"""
