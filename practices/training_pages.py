"""The pages of the Toolbox modules' training content (data/training/), under training/<module>/.

A module has an overview (objectives, sequence, total time), a page per topic and a
one-page workshop plan for it, a page per activity, and one printable page with every
activity and handout. PageRenderer.pages() adds them to the site's generated pages.
"""
from __future__ import annotations

from .render import PageFile, PageRenderer
from .training import Duration, TrainingModule, describe


def _minutes(value: Duration | dict) -> str:
    """A duration (an activity's, or a total) as a reader reads it; long ones in hours too."""
    duration = value if isinstance(value, Duration) else Duration.of(value)
    text = describe(duration)
    if duration.max >= 120:
        hours = " to ".join(dict.fromkeys(_hours(m) for m in (duration.min, duration.max)))
        text = text.replace(" minutes", f" minutes ({hours})", 1) if not duration.varies else \
            text.replace(f"{duration.max} minutes", f"{duration.max} minutes ({hours})", 1)
    return text


def _hours(minutes: int) -> str:
    return f"{minutes // 60} h" + (f" {minutes % 60:02d}" if minutes % 60 else "")


def _part_minutes(part: dict) -> str:
    """A timed part of an activity: its own minutes, or minutes for each group (per_group is a yes/no there)."""
    if part.get("per_group"):
        return f"{part['min']} minutes per group"
    return describe(Duration.of(part))


def _cited(site: PageRenderer, module: str, topic: int) -> list:
    """The practices whose records point to this topic of the Toolbox."""
    return [p for p in site.library.practices
            if any(t["module"] == module and t.get("topic") == topic for t in p.get("toolbox", []))]


def _schedule(module: TrainingModule, activities: list[dict]) -> list[dict]:
    """Each activity with the time at which it starts and ends, counted from the start of the session."""
    rows, elapsed = [], Duration(0, 0)
    for activity in activities:
        end = elapsed + module.duration(activity)
        rows.append({"activity": activity, "start": elapsed, "end": end})
        elapsed = end
    return rows


def _clock(duration: Duration) -> str:
    """Elapsed time as h:mm, a range when it varies: '1:15' or '1:15-1:40'."""
    def hm(minutes: int) -> str:
        return f"{minutes // 60}:{minutes % 60:02d}"
    return hm(duration.min) if not duration.varies else f"{hm(duration.min)}-{hm(duration.max)}"


def _toolbox_target(site: PageRenderer):
    """A "go further" entry's name, and the page of the library that covers it, if there is one."""
    def target(entry: dict) -> dict:
        module = site.vocab.toolbox[entry["module"]]
        name, path = module["label"], None
        training = site.vocab.training.get(entry["module"])
        if "topic" in entry:
            title = next(t["title"] for t in module["topics"] if t["number"] == entry["topic"])
            name = f"{name}, Topic {entry['topic']}: {title}"
            if training and any(t["number"] == entry["topic"] for t in training.topics):
                path = site.training_topic_path(entry["module"], entry["topic"])
        elif training:
            path = site.training_path(entry["module"])
        return {"name": name, "path": path}
    return target


def training_pages(site: PageRenderer) -> list[PageFile]:
    for env in (site.md, site.html):
        env.filters["minutes"] = _minutes
        env.filters["part_minutes"] = _part_minutes
        env.filters["clock"] = _clock
        env.globals["toolbox_target"] = _toolbox_target(site)
    pages = []
    for module in site.vocab.training.values():
        common = {"m": module, "print_header": {"name": site.site_name, "url": site.site_url,
                                                "date": module["last_reviewed"]}}
        pages.append(site._page(site.training_path(module.id), "training_module.md.j2", **common))
        for topic in module.topics:
            activities = module.topic_activities(topic["number"])
            pages.append(site._page(site.training_topic_path(module.id, topic["number"]), "training_topic.md.j2",
                                    topic=topic, activities=activities,
                                    cited=_cited(site, module.id, topic["number"]), **common))
            pages.append(site._page(site.training_plan_path(module.id, topic["number"]), "training_plan.md.j2",
                                    topic=topic, rows=_schedule(module, activities),
                                    total=module.total(activities), **common,
                                    page_url=site.url(site.training_plan_path(module.id, topic["number"]))))
        for activity in module.activities:
            path = site.training_activity_path(module.id, activity["id"])
            pages.append(site._page(path, "training_activity.md.j2", a=activity, page_url=site.url(path), **common))
        path = site.training_handouts_path(module.id)
        pages.append(site._page(path, "training_handouts.md.j2", page_url=site.url(path), **common))
    return pages
