"""`newsbrief console` as a person uses it: a script on stdin, a transcript on stdout."""

from __future__ import annotations

import re
from pathlib import Path

from testkit.processes import console


def test_demo_script_shows_real_stories_buttons_and_edits(tmp_path: Path) -> None:
    result = console("/start\n/latest\n/topics\n/search CSTO\n#1\n", tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Welcome to newsbrief" in out
    assert "Latest stories" in out
    assert "(https://yerevanherald.example/news/" in out  # link targets kept
    assert re.search(r"^\[1\] ➕ \w+", out, re.MULTILINE)  # buttons as [n] label
    assert "Results for “CSTO”" in out
    # '#1' pressed the first button of the latest message with buttons (the /topics list,
    # since search results have none): that message is printed again, edited, with a tick.
    edited = out.split("(edited)", 1)
    assert len(edited) == 2 and "[1] ✅" in edited[1]
    assert "<a href" not in out and "<b>" not in out  # markup removed


def test_more_button_pages_in_place(tmp_path: Path) -> None:
    result = console("/latest 2\n#1\n", tmp_path)
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.split("(edited)", 1)
    assert "1. " in before and "3. " in after and "4. " in after


def test_settings_persist_between_console_runs(tmp_path: Path) -> None:
    console("/subscribe CSTO\n/timezone Asia/Yerevan\n", tmp_path)
    result = console("/settings\n", tmp_path)
    assert "Asia/Yerevan" in result.stdout and "CSTO" in result.stdout


def test_no_feeds_means_no_stories_and_a_clear_answer(tmp_path: Path) -> None:
    result = console("/latest\n", tmp_path, NEWSBRIEF_FEEDS="")
    assert result.returncode == 0
    assert "No stories yet" in result.stdout


def test_bad_lines_get_short_answers_and_the_console_goes_on(tmp_path: Path) -> None:
    script = "/nonsense\n#9\n\nhello there\n/search " + "ա" * 5000 + "\n/help\n"
    result = console(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "I don't know /nonsense" in result.stdout
    assert "(no button 9)" in result.stdout
    assert "What I can do" in result.stdout


def test_user_id_flag_is_the_chatting_user(tmp_path: Path) -> None:
    console("/subscribe EU\n", tmp_path, "--user-id", "42")
    other = console("/subscriptions\n", tmp_path, "--user-id", "43")
    same = console("/subscriptions\n", tmp_path, "--user-id", "42")
    assert "EU" not in other.stdout and "EU" in same.stdout
