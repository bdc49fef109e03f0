"""Built-in templates (golden text), user templates, and the sandbox."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from audioscript import script as script_format
from audioscript.cli import cli
from audioscript.errors import TemplateError
from audioscript.pipeline import load
from audioscript.templating import join_names, strongest

FIXTURES = Path(__file__).parent / "fixtures" / "templates"
QUOTES = FIXTURES / "quotes.jsonl"


@pytest.mark.parametrize("name", ["feature", "interview", "highlights"])
def test_builtin_template_golden(name: str) -> None:
    loaded = load(QUOTES, template=name, meta={"title": "The Last Ferry", "show": "Harbour Radio"})
    text = script_format.dump(loaded.script)
    golden = FIXTURES / f"{name}.golden.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    # every built-in emits chapters and casting hints, and speaks every person
    assert any(isinstance(i, script_format.Chapter) for i in loaded.script.items)
    assert script_format.speaker_hints(loaded.script) == {"Ana Lima": "female", "Tom Reyes": "male"}
    assert {"Ana Lima", "Tom Reyes", "NARRATOR"} <= set(loaded.script.speakers)


def test_user_template_from_path(tmp_path: Path) -> None:
    template = tmp_path / "mine.j2"
    template.write_text(
        "# title: {{ title | upper }}\n"
        "{% for u in utterances if u.kind == 'quote' %}{{ u.speaker | first_name }}: {{ u.text }}\n{% endfor %}"
    )
    loaded = load(QUOTES, template=str(template), meta={"title": "ferry"})
    assert loaded.script.meta == {"title": "FERRY"}
    assert [c.speaker for c in loaded.script.cues] == ["Ana", "Ana", "Tom", "Ana", "Tom"]


def test_user_folder_overrides_builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "feature.j2").write_text("NARRATOR: overridden {{ speakers | join_names }}.\n")
    monkeypatch.setenv("AUDIOSCRIPT_TEMPLATES_DIR", str(folder))
    loaded = load(QUOTES, template="feature")
    assert [c.text for c in loaded.script.cues] == ["overridden Ana Lima and Tom Reyes."]


HOSTILE = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED') }}",
    "{{ self.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
    "{% include '/etc/passwd' %}",
    "{{ utterances.__class__.__base__.__subclasses__() }}",
    "{{ speakers.append(1) }}",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_template_fails_cleanly_and_executes_nothing(body: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    template = tmp_path / "evil.j2"
    template.write_text("NARRATOR: hi\n" + body + "\n")
    with pytest.raises(TemplateError) as caught:
        load(QUOTES, template=str(template))
    message = str(caught.value)
    assert message.startswith(f"{template}:")
    assert "\n" not in message
    assert not (tmp_path / "PWNED").exists()


def test_template_errors_name_file_and_line(tmp_path: Path) -> None:
    template = tmp_path / "t.j2"
    template.write_text("NARRATOR: a\nNARRATOR: {{ nonexistent_variable }}\n")
    with pytest.raises(TemplateError, match=r"t.j2:2: 'nonexistent_variable' is undefined"):
        load(QUOTES, template=str(template))
    template.write_text("NARRATOR: a\n{% for x in %}\n")
    with pytest.raises(TemplateError, match=r"t.j2:2: template syntax error"):
        load(QUOTES, template=str(template))


def test_unknown_template_name() -> None:
    with pytest.raises(TemplateError, match="no template by that name; choose one of feature, highlights, interview"):
        load(QUOTES, template="nope")


def test_filters() -> None:
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B", "C"]) == "A, B and C"
    assert join_names([{"name": "A"}, {"name": "B"}]) == "A and B"
    items = [
        {"speaker": "X", "text": "short", "kind": "quote", "line": 1, "confidence": 1.0},
        {"speaker": "X", "text": "a" * 120, "kind": "quote", "line": 2, "confidence": 1.0},
        {"speaker": "Y", "text": "b" * 100, "kind": "quote", "line": 3, "confidence": 1.0},
        {"speaker": "N", "text": "c" * 100, "kind": "narration", "line": 4, "confidence": 1.0},
    ]
    picked = strongest(items, 17)
    assert [u["line"] for u in picked] == [2, 3]  # one of each speaker, in reading order, within budget


def test_templates_cli_list_show_copy(tmp_path: Path) -> None:
    runner = CliRunner(mix_stderr=False)
    listed = runner.invoke(cli, ["templates"])
    assert [line.split("\t")[0] for line in listed.output.splitlines()] == ["feature", "highlights", "interview"]
    shown = runner.invoke(cli, ["templates", "show", "interview"])
    assert "## {{ s.name }}" in shown.output
    copied = runner.invoke(cli, ["templates", "copy", "highlights", str(tmp_path / "mine")])
    assert copied.exit_code == 0
    target = tmp_path / "mine" / "highlights.j2"
    assert target.read_text() == runner.invoke(cli, ["templates", "show", "highlights"]).output
    again = runner.invoke(cli, ["templates", "copy", "highlights", str(tmp_path / "mine")])
    assert again.exit_code == 2 and "already exists; pass --force" in again.stderr


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "anora"


@pytest.mark.parametrize("name", ["feature", "interview", "highlights"])
def test_every_builtin_template_renders_the_example_to_audio(name: str, tmp_path: Path) -> None:
    """Article -> template -> script file -> audio, through the CLI as a user would."""
    import json

    runner = CliRunner(mix_stderr=False)
    script_path = tmp_path / f"{name}.txt"
    made = runner.invoke(cli, ["script", str(EXAMPLE / "article.txt"), "-t", name, "--episode", str(EXAMPLE / "episode.toml"), "-o", str(script_path)])
    assert made.exit_code == 0, made.stderr
    assert script_path.read_text().startswith("# title: Anora, in their own words")
    out = tmp_path / f"{name}.mp3"
    rendered = runner.invoke(cli, ["render", str(script_path), "--engine", "silent", "-q", "-o", str(out)])
    assert rendered.exit_code == 0, rendered.stderr
    manifest = json.loads(out.with_suffix(".json").read_text())
    speakers = {s["speaker"] for s in manifest["segments"]}
    assert {"NARRATOR", "Sean Baker", "Mikey Madison"} <= speakers
    assert manifest["chapters"] and manifest["duration_ms"] > 30_000
    if name == "highlights":  # within its target (240 s in episode.toml) plus the framing
        assert manifest["duration_ms"] < 330_000


def test_episode_file_errors(tmp_path: Path) -> None:
    runner = CliRunner(mix_stderr=False)
    bad = tmp_path / "ep.toml"
    bad.write_text('[episode]\ntitle = "x"\ncolour = "red"\n')
    result = runner.invoke(cli, ["script", str(QUOTES), "--episode", str(bad)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {bad}: unknown key(s) colour; use title, show, artist, date, description, cover, target_seconds.\n"
