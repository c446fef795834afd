"""The pages of the Toolbox modules' training content (data/training/), under training/<module>/.

The module's own page and its topics' pages are the toolbox pages (PageRenderer.toolbox_pages);
this content fills their slot (templates/training/<module>/). Besides, each activity has a page,
each topic a one-page workshop plan, and one printable page holds every activity and handout.
"""
from __future__ import annotations

from urllib.parse import urlencode

from .library import toolbox_value
from .render import ALL_PRACTICES, PageFile, PageRenderer
from .training import Duration, describe


def _minutes(value: Duration | dict) -> str:
    """A duration (an activity's, or a total) as a reader reads it; long ones in hours too."""
    duration = value if isinstance(value, Duration) else Duration.of(value)
    text = describe(duration)
    if duration.max >= 120:
        hours = " to ".join(dict.fromkeys(_hours(m) for m in (duration.min, duration.max)))
        text = text.replace(f"{duration.max} minutes", f"{duration.max} minutes ({hours})", 1)
    return text


def _hours(minutes: int) -> str:
    return f"{minutes // 60} h" + (f" {minutes % 60:02d}" if minutes % 60 else "")


def _part_minutes(part: dict) -> str:
    """A timed part of an activity: its own minutes, or minutes for each group (per_group is a yes/no there)."""
    if part.get("per_group"):
        return f"{part['min']} minutes per group"
    return describe(Duration.of(part))


def _clock(duration: Duration) -> str:
    """Elapsed time as h:mm, a range when it varies: '1:15' or '1:15-1:40'."""
    def hm(minutes: int) -> str:
        return f"{minutes // 60}:{minutes % 60:02d}"
    return hm(duration.min) if not duration.varies else f"{hm(duration.min)}-{hm(duration.max)}"


def _schedule(module, activities: list[dict]) -> list[dict]:
    """Each activity with the time at which it starts and ends, counted from the start of the session."""
    rows, elapsed = [], Duration(0, 0)
    for activity in activities:
        end = elapsed + module.duration(activity)
        rows.append({"activity": activity, "start": elapsed, "end": end})
        elapsed = end
    return rows


def register(site: PageRenderer) -> None:
    """What the training templates use, in both environments: the toolbox pages' slot renders them too."""
    def toolbox_target(entry: dict) -> dict:
        """A "go further" entry's name and its toolbox page."""
        module = site.vocab.toolbox[entry["module"]]
        topic = site.toolbox_topic(entry)
        name = module["label"]
        if topic is not None:
            name += f", Topic {topic['number']}" + (f": {topic['title']}" if topic.get("title") else "")
        return {"name": name, "path": site.toolbox_path(entry)}

    def illustrating(module: str, topic: int | None) -> dict:
        """Where the practices that illustrate a topic (or, with None, the module) are listed."""
        page = site.toolbox_path({"module": module, "topic": topic})
        return {"page": page, "filtered": site.url(ALL_PRACTICES) + "?" + urlencode({"toolbox": toolbox_value(module, topic)})}

    for env in (site.md, site.html):
        env.filters.update(minutes=_minutes, part_minutes=_part_minutes, clock=_clock)
        env.globals.update(toolbox_target=toolbox_target, illustrating=illustrating)


def training_pages(site: PageRenderer) -> list[PageFile]:
    pages = []
    for module in site.vocab.training.values():
        common = {"m": module}
        for topic in module.topics:
            activities = module.topic_activities(topic["number"])
            path = site.training_plan_path(module.id, topic["number"])
            pages.append(site._page(path, "training_plan.md.j2", topic=topic, rows=_schedule(module, activities),
                                    total=module.total(activities), **common))
        for activity in module.activities:
            path = site.training_activity_path(module.id, activity["id"])
            pages.append(site._page(path, "training_activity.md.j2", a=activity, **common))
        path = site.training_handouts_path(module.id)
        pages.append(site._page(path, "training_handouts.md.j2", **common))
    return pages
