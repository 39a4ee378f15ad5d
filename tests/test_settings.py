"""Settings: defaults < chronicle.toml < environment < flags, and nothing else reads them."""

from __future__ import annotations

import pickle

import pytest

from chronicle.errors import ConfigError
from chronicle.settings import Settings


def test_layers_override_in_order(tmp_path):
    config = tmp_path / "chronicle.toml"
    config.write_text('[chronicle]\nmodel = "from_file"\nbatch_size = 8\n'
                      'triggers = ["a.tsv"]\n', encoding="utf-8")
    from_file = Settings.load(config, env={})
    assert (from_file.model, from_file.batch_size, from_file.triggers) == (
        "from_file", 8, ("a.tsv",))
    from_env = Settings.load(config, env={"CHRONICLE_MODEL": "from_env"})
    assert from_env.model == "from_env" and from_env.batch_size == 8
    from_flag = Settings.load(config, env={"CHRONICLE_MODEL": "from_env"}, model="flag",
                              triggers=None)
    assert from_flag.model == "flag" and from_flag.triggers == ("a.tsv",)


def test_environment_lists_use_the_path_separator():
    import os

    settings = Settings.load(env={"CHRONICLE_TRIGGERS": f"a.tsv{os.pathsep}b.tsv"})
    assert settings.triggers == ("a.tsv", "b.tsv")


def test_no_file_in_the_working_folder_means_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Settings.load(env={}) == Settings()


def test_bad_files_and_keys_are_config_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("model = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Settings.load(bad, env={})
    with pytest.raises(ConfigError, match="unknown setting 'modle'"):
        Settings().updated({"modle": "x"})
    with pytest.raises(ConfigError, match="cannot read"):
        Settings.load(tmp_path / "missing.toml", env={})
    with pytest.raises(ConfigError, match="not a int"):
        Settings().updated({"batch_size": "many"})


def test_settings_cross_process_boundaries_whole():
    settings = Settings(model="m", triggers=("x.tsv",))
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_no_module_below_the_cli_and_api_reads_the_environment():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "chronicle"
    allowed = {"settings.py", "cli", "api.py", "serve", "store", "scale.py"}
    offenders = []
    for path in root.rglob("*.py"):
        rel = path.relative_to(root)
        if rel.parts[0] in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                offenders.append(f"{rel}:{node.lineno}")
    assert not offenders, offenders


def test_one_language_per_process():
    from chronicle import lang

    lang.words("pronouns.txt")  # data has been read in the active language
    lang.use(lang.active())  # asking again for it is fine
    with pytest.raises(ConfigError, match="one language per process"):
        lang.use("xx")
    with pytest.raises(ConfigError, match="no language data xx/pronouns.txt"):
        lang.words("pronouns.txt", "xx")
