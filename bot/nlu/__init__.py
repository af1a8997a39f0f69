"""What the build generates for Rasa (spaCy pipeline, NLU data, rules, the form check) and the NLU components.

config.yml names the components by module path (`bot.nlu.components.ScopeGuardClassifier`,
`bot.nlu.question_classifier.QuestionClassifier`), so this file imports nothing: loading
one component must not pull in the build.
"""
