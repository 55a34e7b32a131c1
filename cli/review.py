"""`loa article submit | approve | reject | withdraw`: what moves an article through its review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cli.common import ArticleId, runtime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from storage.models import Commune


def register(app: typer.Typer) -> None:
    for name, verb in (("submit", submit), ("approve", approve), ("reject", reject), ("withdraw", withdraw)):
        app.command(name)(verb)


LANGUAGE = typer.Option(help="a language version (e.g. hmn) instead of the article's own text")


def submit(article_id: ArticleId,
           by: Annotated[str | None, typer.Option(help="who submits (default: the author)")] = None,
           language: Annotated[str | None, LANGUAGE] = None) -> None:
    """Send a draft to the leaders for approval."""
    from app.articles.editorial import submit_article

    rt = runtime()
    if language:
        from app.articles.languages import submit_translation

        with rt.tx() as session:
            commune, plan = rt.plan(session)
            submit_translation(session, commune=commune, plan=plan, article_id=article_id, language=language,
                               by=by or _author(session, commune, article_id), now=rt.settings.clock())
        typer.echo(f"article {article_id} in {language} submitted")
        return
    with rt.tx() as session:
        submit_article(session, commune=rt.commune(session), article_id=article_id, by=by, now=rt.settings.clock(),
                       settings=rt.settings)
    typer.echo(f"article {article_id} submitted")


def approve(article_id: ArticleId, by: Annotated[str, typer.Option(help="the approver (not the author)")],
            language: Annotated[str | None, LANGUAGE] = None) -> None:
    """Approve a submitted article: audio, feeds and posts follow."""
    from app.articles.editorial import approval_warnings, approve_article
    from flows.events import push_pending

    rt = runtime()
    if language:
        from app.articles.languages import approve_translation

        with rt.tx() as session:
            commune, plan = rt.plan(session)
            approve_translation(session, commune=commune, plan=plan, article_id=article_id, language=language,
                                by=by, now=rt.settings.clock())
        typer.echo(f"article {article_id} in {language} approved by {by}")
        return
    with rt.tx() as session:
        commune, plan = rt.plan(session)
        article = approve_article(session, commune=commune, article_id=article_id, by=by, now=rt.settings.clock(),
                                  settings=rt.settings)
        warnings = approval_warnings(plan, article)
    typer.echo(f"article {article_id} approved by {by}")
    for warning in warnings:
        typer.echo(f"loa: warning: article {article_id}: {warning}", err=True)
    try:
        push_pending(rt)
    except Exception as exc:  # the approval stands; the event goes out with the next publish pass
        typer.echo(f"loa: warning: Prefect did not take the approval event ({' '.join(str(exc).split())[:200]}); "
                   "the next `loa publish` sends it", err=True)


def reject(article_id: ArticleId, by: Annotated[str, typer.Option(help="the approver")],
           reason: Annotated[str, typer.Option(help="what the author should change")],
           language: Annotated[str | None, LANGUAGE] = None) -> None:
    """Send a submitted article back with a reason."""
    from app.articles.editorial import reject_article

    rt = runtime()
    if language:
        from app.articles.languages import reject_translation

        with rt.tx() as session:
            commune, plan = rt.plan(session)
            reject_translation(session, commune=commune, plan=plan, article_id=article_id, language=language,
                               by=by, reason=reason, now=rt.settings.clock())
        typer.echo(f"article {article_id} in {language} rejected by {by}")
        return
    with rt.tx() as session:
        reject_article(session, commune=rt.commune(session), article_id=article_id, by=by, reason=reason,
                       now=rt.settings.clock(), settings=rt.settings)
    typer.echo(f"article {article_id} rejected by {by}")


def withdraw(article_id: ArticleId, by: Annotated[str, typer.Option(help="an approver or admin (or the author)")],
             reason: Annotated[str, typer.Option(help="why it is taken out (kept in the audit log)")]) -> None:
    """Take an article out: nothing more of it is sent; what went out stays counted."""
    from app.articles.editorial import withdraw_article

    rt = runtime()
    with rt.tx() as session:
        withdraw_article(session, commune=rt.commune(session), article_id=article_id, by=by, reason=reason,
                         now=rt.settings.clock())
    typer.echo(f"article {article_id} withdrawn by {by}")


def _author(session: Session, commune: Commune, article_id: int) -> str:
    from storage import articles

    return articles.get(session, article_id, commune=commune).author.name
