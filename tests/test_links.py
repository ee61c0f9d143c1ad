"""Links by id and quoted figures: written once in data, right on every page that shows them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.kb.places import PAGE_MACROS
from tests.helpers import ROOT, edit
from tests.test_site import build, make_project


class _Env:
    """Just enough of mkdocs-macros' env for macros.site.macros.install to register its macros."""

    def __init__(self) -> None:
        self.project_dir = str(ROOT)
        self.variables: dict[str, Any] = {}
        self.page = None
        self.names: set[str] = set()

    def macro(self, func: Any, name: str | None = None) -> Any:
        self.names.add(name or func.__name__)
        return func


def test_the_check_knows_every_macro_the_site_registers() -> None:
    from macros.site.macros import install

    env = _Env()
    install(env)
    assert env.names == set(PAGE_MACROS), "macros.kb.places.PAGE_MACROS lists what a page may call"


def test_links_by_id_and_quoted_figures_are_right_at_every_depth(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    faqs, figures = project / "data" / "faqs.yaml", project / "data" / "figures.yaml"
    edit(
        faqs,
        "rarely a sign of disease.",
        "rarely a sign of disease. See [coffee](cause:caffeine-and-stimulants) and [](sign:twitch-lasting-over-two-weeks).",
    )
    edit(
        figures,
        "value: about 70%\n    context: >-\n      From a 1963",
        "value: about 60%\n    context: >-\n      From a 1963",
    )
    edit(figures, "percent: [70]", "percent: [60]")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]  # the build's own link check found every link
    site = tmp_path / "site"
    for page, up in (("faqs/index.html", "../"), ("body-areas/calf/index.html", "../../")):
        text = (site / page).read_text(encoding="utf-8")
        assert f'<a href="{up}causes/caffeine-and-stimulants/">coffee</a>' in text, page
        assert (
            f'<a href="{up}warning-signs/#sign-twitch-lasting-over-two-weeks">A twitch that lasts more than 2 weeks</a>'
            in text
        )
        assert "about 60% of healthy people" in text and "about 70% of healthy people" not in text, page
        assert "](cause:" not in text and "](figure:" not in text and 'href="cause:' not in text
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "about 60% of healthy people" in search and "(figure:" not in search
