"""JobRunner: results, progress, failures, cancel and stale results (desktop/workers.py)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.workers import JobRunner
from parsers.errors import CorruptDocument
from parsers.progress import CancelToken, ProgressFn


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = JobRunner()
    seen: list[tuple[float, str]] = []
    runner.progress_changed.connect(lambda f, m: seen.append((f, m)))

    def job(progress: ProgressFn, cancel: CancelToken) -> str:
        for i in range(1000):
            progress(i / 1000, f"step {i}")
        progress(1.0, "done")
        return "result"

    with qtbot.waitSignal(runner.finished, timeout=10000) as blocker:
        runner.start(job)
    assert blocker.args == ["result"]
    assert not runner.running
    # throttled: far fewer reports than calls, and the last one always gets through
    assert 1 <= len(seen) < 100
    qtbot.waitUntil(lambda: seen[-1] == (1.0, "done"), timeout=5000)


def test_an_expected_error_arrives_as_its_message(qtbot: QtBot) -> None:
    runner = JobRunner()

    def job(progress: ProgressFn, cancel: CancelToken) -> None:
        raise CorruptDocument("broken.pdf", "is damaged.", "Ask for a new copy.")

    with qtbot.waitSignal(runner.failed, timeout=10000) as blocker:
        runner.start(job)
    assert blocker.args == ["broken.pdf: is damaged. Ask for a new copy.", True]


def test_a_bug_in_a_job_is_reported_not_raised(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    runner = JobRunner()

    def job(progress: ProgressFn, cancel: CancelToken) -> None:
        raise ZeroDivisionError("boom")

    with qtbot.waitSignal(runner.failed, timeout=10000) as blocker:
        runner.start(job)
    message, expected = blocker.args
    assert "ZeroDivisionError" in message and expected is False
    assert "boom" in caplog.text


def test_cancel_stops_the_job_and_reports_cancelled(qtbot: QtBot) -> None:
    runner = JobRunner()
    started = threading.Event()

    def job(progress: ProgressFn, cancel: CancelToken) -> str:
        started.set()
        for _ in range(1000):
            cancel.raise_if_cancelled()
            threading.Event().wait(0.01)
        return "finished anyway"

    finished: list[object] = []
    runner.finished.connect(finished.append)
    runner.start(job)
    assert started.wait(5)
    with qtbot.waitSignal(runner.cancelled, timeout=10000):
        runner.cancel()
    assert finished == []
    assert not runner.running


def test_a_stale_result_is_dropped_when_a_newer_job_started(qtbot: QtBot) -> None:
    runner = JobRunner()
    release = threading.Event()
    results: list[object] = []
    runner.finished.connect(results.append)

    def slow(progress: ProgressFn, cancel: CancelToken) -> str:
        release.wait(10)
        return "old"  # ignores its cancel token on purpose: its result must still be dropped

    def fast(progress: ProgressFn, cancel: CancelToken) -> str:
        return "new"

    first = runner.start(slow)
    with qtbot.waitSignal(runner.finished, timeout=10000):
        second = runner.start(fast)
    assert second == first + 1
    release.set()
    runner.wait(5000)
    QApplication.processEvents()  # deliver the old job's queued signal, which is dropped
    assert results == ["new"]


def test_full_collections_are_put_off_while_a_job_runs_and_restored_after(qtbot: QtBot) -> None:
    import gc
    import sys

    runner = JobRunner()
    before = (gc.get_threshold(), sys.getswitchinterval())
    seen: list[tuple[tuple[int, int, int], float]] = []

    def job(progress: ProgressFn, cancel: CancelToken) -> None:
        seen.append((gc.get_threshold(), sys.getswitchinterval()))

    with qtbot.waitSignal(runner.finished, timeout=10000):
        runner.start(job)
    ((threshold, switch),) = seen
    assert threshold[2] >= 1_000_000 and switch == 0.001
    assert (gc.get_threshold(), sys.getswitchinterval()) == before


def test_settings_stay_held_until_the_last_of_two_runners_finishes(qtbot: QtBot) -> None:
    import sys

    before = sys.getswitchinterval()
    first, second = JobRunner(), JobRunner()
    release = threading.Event()

    def slow(progress: ProgressFn, cancel: CancelToken) -> None:
        release.wait(10)

    def fast(progress: ProgressFn, cancel: CancelToken) -> None:
        return None

    first.start(slow)
    with qtbot.waitSignal(second.finished, timeout=10000):
        second.start(fast)
    assert sys.getswitchinterval() == 0.001  # the first job still runs
    with qtbot.waitSignal(first.finished, timeout=10000):
        release.set()
    assert sys.getswitchinterval() == before
