"""The command list: one place for /help and the command menus, readers' and admins'."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import N_


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    # English message id, translated when shown; kept short for the menu (<= 256 chars).
    description: str


READER_COMMANDS: tuple[Command, ...] = (
    Command("start", N_("/start"), N_("Welcome and topics to follow")),
    Command("help", N_("/help"), N_("What I can do")),
    Command("latest", N_("/latest [N] [topic]"), N_("The newest stories")),
    Command("topics", N_("/topics"), N_("Topics, with buttons to follow them")),
    Command(
        "topic", N_("/topic NAME [24h|7d]"), N_("A brief: a topic's main stories, with sources")
    ),
    Command("trending", N_("/trending"), N_("Words and names rising in today's news")),
    Command("search", N_("/search WORDS"), N_("Search the archive")),
    Command("subscribe", N_("/subscribe TOPIC"), N_("Get new stories on a topic")),
    Command("unsubscribe", N_("/unsubscribe TOPIC"), N_("Stop a topic")),
    Command("subscriptions", N_("/subscriptions"), N_("The topics you follow")),
    Command("settings", N_("/settings"), N_("Delivery, digest, timezone and quiet hours")),
    Command("digest", N_("/digest HH:MM|off"), N_("One daily digest at your local time")),
    Command("timezone", N_("/timezone Area/City"), N_("Your timezone, e.g. Asia/Yerevan")),
    Command("quiet", N_("/quiet HH:MM-HH:MM|off"), N_("Hours without pushes")),
    Command("language", N_("/language [en|ru|hy]"), N_("The language I speak here")),
    Command(
        "languages",
        N_("/languages [en ru hy|all]"),
        N_("The languages of the articles you receive and see"),
    ),
    Command("alert", N_("/alert WORDS"), N_("Follow a phrase of your own")),
    Command("alerts", N_("/alerts"), N_("Your alerts, with buttons to remove them")),
    Command("unalert", N_("/unalert WORDS"), N_("Stop an alert")),
    Command("stop", N_("/stop"), N_("Unsubscribe and delete your data")),
)

ADMIN_COMMANDS: tuple[Command, ...] = (
    Command("stats", N_("/stats"), N_("Figures, feed health and a chart")),
    Command("feeds", N_("/feeds"), N_("Feeds and their health")),
    Command("addfeed", N_("/addfeed URL"), N_("Check a feed and add it")),
    Command("removefeed", N_("/removefeed ID"), N_("Remove a feed")),
    Command("pausefeed", N_("/pausefeed ID"), N_("Stop polling a feed")),
    Command("resumefeed", N_("/resumefeed ID"), N_("Poll a paused feed again")),
    Command("fetchnow", N_("/fetchnow"), N_("Poll every feed now")),
    Command("addtopic", N_("/addtopic NAME KEYWORD..."), N_("Add or change a topic")),
    Command("removetopic", N_("/removetopic NAME"), N_("Remove a topic")),
    Command("broadcast", N_("/broadcast TEXT"), N_("Message every chat, after a preview")),
    Command("audit", N_("/audit"), N_("What admins did, newest first")),
    Command("export", N_("/export"), N_("The feed list as an OPML file")),
    Command("import", N_("/import"), N_("Add feeds from an OPML file (as its caption)")),
    Command("channels", N_("/channels"), N_("Linked channels and their state")),
    Command(
        "addchannel",
        N_("/addchannel @name TOPIC..."),
        N_("Post new stories on topics to a channel"),
    ),
    Command("removechannel", N_("/removechannel @name"), N_("Stop posting to a channel")),
)
