"""The ``audioscript`` command: options in, one library call, a short result out.

Expected failures (:class:`~audioscript.errors.AudioscriptError`) become one
``Error: ...`` line here and nowhere else: exit 1 for run-time failures, 2 for wrong
usage. ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

import click

from .. import __version__, interrupt
from ..errors import AudioscriptError, UsageError
from .catalog import cache, engines, templates, voices
from .episode import check, preview, render
from .text import extract, script

__all__ = ["cli", "main"]

EPILOG_HELP = "Run `audioscript COMMAND --help` for a command's options and an example."


class Group(click.Group):
    """Turns audioscript errors into one line and the right exit code."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's own usage errors as one line too (click prints usage and a hint first)."""
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.UsageError as exc:
            # click's own option errors get a pointer to --help; ours already name the fix
            hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
            click.echo(f"Error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AudioscriptError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(exc, UsageError):
                raise click.UsageError(exc.message) from None
            raise click.ClickException(exc.message) from None
        except KeyboardInterrupt:
            click.echo("Interrupted: nothing was written; finished clips stay cached.", err=True)
            sys.exit(130)


@click.group(cls=Group, epilog=EPILOG_HELP)
@click.version_option(__version__, prog_name="audioscript")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn an article full of attributed quotes into a narrated, multi-voice podcast episode.

    \b
    The pipeline, one command per stage (each output can be edited and fed back in):
      audioscript extract ARTICLE -o quotes.jsonl     who says what
      audioscript script quotes.jsonl -o script.txt   arrange it with a template
      audioscript render script.txt -o episode.mp3    voices, audio, mastering

    \b
    Or all at once, offline:
      audioscript render examples/anora/article.txt --voices examples/anora/voices.toml -o output/anora.mp3
    """
    ctx.obj = {"debug": debug}
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(message)s")



for command in (extract, script, render, preview, check, templates, engines, voices, cache):
    cli.add_command(command)


def _stop(signum: int, frame: Any) -> None:
    """Ctrl-C and SIGTERM (``kill``) stop a render: temp files removed, cache kept.

    The request is recorded before the exception is raised, because Python drops an
    exception raised while it runs a garbage-collector or C callback; the library then
    stops at its next clip or before renaming any output (see audioscript.interrupt). The
    module is imported with the CLI, never here: a handler may run in the middle of an import."""
    interrupt.request()
    raise KeyboardInterrupt


def main() -> None:
    import signal

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        cli(prog_name="audioscript")
    except SystemExit as exc:
        if not interrupt.requested():
            raise
        # Stopped: the outputs are cleaned up and the workers ended by now. Leave without
        # the interpreter's exit handlers, which join the worker pool's threads and can wait
        # forever on a queue a killed worker held (a SIGTERM test hung once that way, in a
        # fresh-clone CI run on a loaded machine).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(exc.code if isinstance(exc.code, int) else 130)
