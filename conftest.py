from hypothesis import settings

pytest_plugins = ["tcxd.testing.fixtures", "tcxd.testing.browser"]

# Property tests run the same examples on every run (a red CI run can be reproduced);
# set HYPOTHESIS_PROFILE=explore locally to search new examples.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", max_examples=1000)
settings.load_profile(__import__("os").environ.get("HYPOTHESIS_PROFILE", "repeatable"))
