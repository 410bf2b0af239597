pytest_plugins = ["tcxd.testing.fixtures"]
