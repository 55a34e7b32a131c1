"""`loa plan draft KẾ-HOẠCH.(docx|doc|odt|pdf|txt|md) -o plan.yaml`: the plan file drafted from a signed plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.errors import CliError

app = typer.Typer(no_args_is_help=True)


@app.command("draft")
def draft(
    document: Annotated[Path, typer.Argument(help="the signed Kế hoạch: .docx .doc .odt .pdf .txt or .md")],
    output: Annotated[Path, typer.Option("-o", "--output", help="the plan YAML to write")],
    force: Annotated[bool, typer.Option(help="replace the output file if it exists")] = False,
) -> None:
    """Draft the plan file; every entry quotes its source sentence, `# KIỂM TRA:` marks what to check."""
    from media.documents.extract import document_blocks
    from media.files import write_atomic
    from schedules.plan_draft import draft_plan
    from schedules.plan_draft_yaml import render, uncertain

    if output.exists() and not force:
        raise CliError("cli.plan_exists", output=output)
    if output.exists() and not output.is_file():
        raise CliError("cli.plan_not_file", output=output)
    paragraphs = [text for text, _ in document_blocks(document)]
    if not paragraphs:
        raise CliError("cli.plan_no_text", document=document)
    result = draft_plan(paragraphs)
    text = render(result, document.name)
    write_atomic(output, text.encode("utf-8"))
    checks = uncertain(text)
    typer.echo(f"{output}: {len(result.units)} units, {len(result.quotas)} quotas, {len(result.topics)} topics, "
               f"{len(result.channels)} channels; {checks} lines marked KIỂM TRA to check before `loa init --plan`")
    if not result.quotas:
        typer.echo("no quota sentence found (\"ít nhất 02 tin/bài …\"): quotas drafted empty")
