"""Hand-written page layouts of the kinds of news sites newsbrief reads.

Each skin turns one article (see articles.py) into a whole page and names the chrome it
added that must never reach a reader (cookie walls, share bars, newsletter boxes, related
lists, reader comments, footers). The article's own text, tables and live-blog entries are
the "must keep" side; the skins only wrap them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape


@dataclass
class Article:
    id: str
    lang: str
    skin: str
    split: str  # "tune" or "heldout"
    title: str
    byline: str
    date: str
    paras: list[str]
    table: tuple[str, list[list[str]]] | None = None  # caption, rows (first row = header)
    live: list[tuple[str, str]] = field(default_factory=list)  # (time, entry text)
    comments: list[tuple[str, str]] = field(default_factory=list)  # (name, text)
    related: list[str] = field(default_factory=list)
    encoding: str = "utf-8"


@dataclass
class Page:
    html: str
    drop: list[str]  # chrome snippets this skin put on the page


def e(text: str) -> str:
    return escape(text, quote=True)


def paras_html(article: Article, tag: str = "p", cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "\n".join(f"<{tag}{attr}>{e(p)}</{tag}>" for p in article.paras)


def table_html(article: Article, cls: str = "data") -> str:
    if article.table is None:
        return ""
    caption, rows = article.table
    head, *body = rows
    cells = "".join(f"<th>{e(c)}</th>" for c in head)
    lines = "\n".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in body)
    return (
        f'<table class="{cls}"><caption>{e(caption)}</caption>'
        f"<thead><tr>{cells}</tr></thead><tbody>\n{lines}\n</tbody></table>"
    )


def split_paras(article: Article) -> tuple[str, str]:
    """The first half and the second half of the paragraphs (a table goes between)."""
    half = max(1, len(article.paras) // 2)
    first = Article(**{**article.__dict__, "paras": article.paras[:half]})
    rest = Article(**{**article.__dict__, "paras": article.paras[half:]})
    return paras_html(first), paras_html(rest)


# --- chrome texts, per language ---------------------------------------------------------------

COOKIE = {
    "en": "We use cookies and similar technologies to personalise content and ads and to analyse our traffic. By clicking Accept all you agree to our use of cookies.",
    "ru": "Мы используем файлы cookie, чтобы сайт работал лучше. Продолжая пользоваться сайтом, вы соглашаетесь с политикой конфиденциальности.",
    "hy": "Մենք օգտագործում ենք cookie ֆայլեր՝ կայքի աշխատանքը բարելավելու համար։ Շարունակելով՝ դուք համաձայնում եք գաղտնիության քաղաքականությանը։",
}
NEWSLETTER = {
    "en": "Get the morning briefing in your inbox every weekday before 7 a.m.",
    "ru": "Получайте главные новости дня на почту каждое утро до семи часов.",
    "hy": "Ստացեք օրվա գլխավոր լուրերը ձեր էլ. փոստին ամեն առավոտ։",
}
SUBSCRIBE_AD = {
    "en": "Ad for subscribing to our Telegram channel",
    "ru": "Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать новости",
    "hy": "Բաժանորդագրվեք մեր Telegram ալիքին՝ առաջինը տեղեկանալու նորություններին",
}
SHARE = {
    "en": ["Share on Facebook", "Share on X", "Copy link"],
    "ru": ["Поделиться ВКонтакте", "Отправить в Телеграм"],
    "hy": ["Կիսվել Facebook-ում", "Ուղարկել Telegram-ով"],
}
RELATED = {"en": "Related stories", "ru": "Читайте также", "hy": "Կարդացեք նաև"}
MOST_READ = {"en": "Most read", "ru": "Самое читаемое", "hy": "Ամենաընթերցվածը"}
COMMENTS = {"en": "Comments", "ru": "Комментарии", "hy": "Մեկնաբանություններ"}
NAV = {
    "en": ["Home", "Politics", "Economy", "Region", "Sport", "Opinion"],
    "ru": ["Главная", "Политика", "Экономика", "Регион", "Спорт", "Мнения"],
    "hy": ["Գլխավոր", "Քաղաքականություն", "Տնտեսություն", "Տարածաշրջան", "Սպորտ"],
}
FOOTER = {
    "en": "© 2026 Caucasus Daily Media LLC. All rights reserved. Registered with the media register under number 03-112.",
    "ru": "© 2026 ООО «Кавказ Медиа». Все права защищены. Свидетельство о регистрации СМИ Эл № ФС77-81234.",
    "hy": "© 2026 «Կովկաս Մեդիա» ՍՊԸ։ Բոլոր իրավունքները պաշտպանված են։ Նյութերի մեջբերման դեպքում հղումը պարտադիր է։",
}
TOP = {"en": "Top of page", "ru": "Наверх", "hy": "Դեպի վեր"}


def nav_html(lang: str) -> str:
    return "".join(f'<li><a href="/{i}">{e(n)}</a></li>' for i, n in enumerate(NAV[lang]))


def related_html(article: Article, heading: str, cls: str = "related") -> str:
    if not article.related:
        return ""
    items = "".join(f'<li><a href="/news/{i}">{e(h)}</a></li>' for i, h in enumerate(article.related))
    return f'<section class="{cls}"><h3>{e(heading)}</h3><ul>{items}</ul></section>'


def comments_html(article: Article, wrap: str = "ol", cls: str = "commentlist") -> str:
    if not article.comments:
        return ""
    items = "".join(
        f'<li class="comment"><div class="comment-author"><b>{e(n)}</b> '
        f'<span class="says">says:</span></div><div class="comment-meta">{e(article.date)}</div>'
        f'<div class="comment-content"><p>{e(t)}</p></div><a class="reply" href="#r">Reply</a></li>'
        for n, t in article.comments
    )
    return (
        f'<div id="comments" class="comments-area"><h2 class="comments-title">'
        f"{e(COMMENTS[article.lang])} ({len(article.comments)})</h2><{wrap} class=\"{cls}\">"
        f"{items}</{wrap}></div>"
    )


def chrome_drops(article: Article, *parts: str) -> list[str]:
    """Drop snippets: the named chrome parts plus related headlines and comment texts."""
    lang = article.lang
    table = {
        "cookie": [COOKIE[lang]],
        "newsletter": [NEWSLETTER[lang]],
        "subscribe": [SUBSCRIBE_AD[lang]],
        "share": SHARE[lang],
        "footer": [FOOTER[lang]],
        "top": [TOP[lang]],
    }
    drops = [s for part in parts for s in table[part]]
    drops += article.related
    drops += [t for _, t in article.comments]
    return drops


def head(article: Article, extra: str = "") -> str:
    charset = {"utf-8": "utf-8", "cp1251": "windows-1251", "koi8-r": "koi8-r"}[article.encoding]
    return (
        f'<!DOCTYPE html>\n<html lang="{article.lang}"><head><meta charset="{charset}">'
        f"<title>{e(article.title)} | Caucasus Daily</title>"
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta property="og:title" content="{e(article.title)}">'
        f'<link rel="stylesheet" href="/static/site.css">'
        f"<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>"
        f"{extra}</head>"
    )


# --- the skins ----------------------------------------------------------------------------------


def wordpress(a: Article) -> Page:
    """A WordPress news theme: cookie notice, share bar, newsletter box, comments."""
    first, rest = split_paras(a)
    html = f"""{head(a)}
<body class="post-template-default single single-post">
<div id="cookie-notice" role="dialog" class="cn-bottom"><div class="cookie-notice-container"><span id="cn-notice-text">{e(COOKIE[a.lang])}</span><a href="#" id="cn-accept-cookie" class="cn-button">OK</a></div></div>
<header id="masthead" class="site-header"><div class="site-branding"><a href="/" rel="home">Caucasus Daily</a></div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu">{nav_html(a.lang)}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{a.id}" class="post type-post status-publish format-standard hentry">
<header class="entry-header"><h1 class="entry-title">{e(a.title)}</h1>
<div class="entry-meta"><span class="byline">{e(a.byline)}</span> <span class="posted-on"><time class="entry-date published">{e(a.date)}</time></span></div></header>
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a class="share-facebook">{e(SHARE[a.lang][0])}</a></li><li><a class="share-x">{e(SHARE[a.lang][1])}</a></li></ul></div>
<div class="entry-content">
{first}
{table_html(a)}
<div class="newsletter-box"><h4>Newsletter</h4><p>{e(NEWSLETTER[a.lang])}</p><form><input type="email" placeholder="Email"><button>Subscribe</button></form></div>
{rest}
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/news">News</a></span></footer>
</article>
{related_html(a, RELATED[a.lang], "jp-relatedposts")}
{comments_html(a)}
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_text"><p>{e(SUBSCRIBE_AD[a.lang])}</p></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">{e(FOOTER[a.lang])}</div></footer>
</body></html>"""
    return Page(html, chrome_drops(a, "cookie", "share", "newsletter", "subscribe", "footer"))


def portal(a: Article) -> Page:
    """A Russian- or Armenian-style news portal: breadcrumbs, share buttons, "read also"
    inline, a Telegram channel plug, comments counter and a "top" link."""
    first, rest = split_paras(a)
    html = f"""{head(a, '<script src="https://yastatic.net/share2/share.js" async></script>')}
<body><div class="page">
<div class="topline"><div class="container"><span class="weather">Ереван +3°</span> <span class="rates">USD 386.2 EUR 452.9</span></div></div>
<header class="header"><a class="logo" href="/">Кавказ Медиа</a><ul class="menu">{nav_html(a.lang)}</ul></header>
<div class="container"><div class="row"><div class="col-main">
<div class="breadcrumbs"><a href="/">{e(NAV[a.lang][0])}</a> / <a href="/politics">{e(NAV[a.lang][1])}</a></div>
<div class="news-item">
<h1 class="news-title">{e(a.title)}</h1>
<div class="news-info"><span class="news-date">{e(a.date)}</span> <span class="news-author">{e(a.byline)}</span></div>
<div class="news-text">
{first}
<div class="read-also"><b>{e(RELATED[a.lang])}:</b> <a href="/n/1">{e(a.related[0]) if a.related else ""}</a></div>
{table_html(a, "table table-striped")}
{rest}
</div>
<div class="tg-plug"><a href="https://t.me/kavkazmedia">{e(SUBSCRIBE_AD[a.lang])}</a></div>
<div class="share"><span>{e(SHARE[a.lang][0])}</span> <span>{e(SHARE[a.lang][1])}</span></div>
</div>
{related_html(a, RELATED[a.lang], "more-news")}
{comments_html(a, "ul", "comments-list")}
</div>
<div class="col-side"><div class="popular"><h3>{e(MOST_READ[a.lang])}</h3><ol><li><a href="/p/1">{e(a.related[-1]) if a.related else ""}</a></li></ol></div></div>
</div></div>
<a class="to-top" href="#">{e(TOP[a.lang])}</a>
<footer class="footer"><p>{e(FOOTER[a.lang])}</p><p>18+</p></footer>
</div></body></html>"""
    return Page(html, chrome_drops(a, "subscribe", "share", "footer", "top"))


def liveblog(a: Article) -> Page:
    """A live page: a cookie wall over everything, a summary, timestamped entries."""
    entries = "\n".join(
        f'<div class="live-entry" id="e{i}"><div class="live-entry__meta"><time>{e(t)}</time>'
        f'<span class="live-entry__share">{e(SHARE[a.lang][0])}</span></div>'
        f'<div class="live-entry__body"><p>{e(text)}</p></div></div>'
        for i, (t, text) in enumerate(a.live)
    )
    html = f"""{head(a)}
<body class="live">
<div class="consent-wall" aria-modal="true"><div class="consent-wall__box"><h2>Your privacy</h2><p>{e(COOKIE[a.lang])}</p><button>Accept all</button><button>Manage options</button></div></div>
<header class="masthead"><a href="/">Caucasus Daily</a><nav><ul>{nav_html(a.lang)}</ul></nav></header>
<main>
<div class="live-header"><span class="live-badge">LIVE</span><h1>{e(a.title)}</h1><p class="live-byline">{e(a.byline)} · {e(a.date)}</p></div>
<div class="live-summary">{paras_html(a)}</div>
{table_html(a)}
<div class="live-feed">
{entries}
</div>
<div class="newsletter-inline"><p>{e(NEWSLETTER[a.lang])}</p></div>
</main>
<aside class="rail">{related_html(a, MOST_READ[a.lang], "most-read")}</aside>
<footer><p>{e(FOOTER[a.lang])}</p></footer>
</body></html>"""
    return Page(html, chrome_drops(a, "cookie", "newsletter", "footer"))


def divsoup(a: Article) -> Page:
    """A client-rendered site: hashed class names, text blocks as components."""
    blocks = "\n".join(
        f'<div data-component="text-block" class="css-83cqas"><p class="css-1jg3zr4">{e(p)}</p></div>'
        for p in a.paras
    )
    table = (
        f'<div data-component="table-block" class="css-tbl">{table_html(a, "css-3kq9a")}</div>'
        if a.table
        else ""
    )
    items = "".join(
        f'<li class="css-r1"><a class="css-l1" href="/n/{i}"><span>{e(h)}</span></a></li>'
        for i, h in enumerate(a.related)
    )
    html = f"""{head(a, '<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{}}}</script>')}
<body><div id="__next">
<div class="css-ban" role="region" aria-label="cookie banner"><p>{e(COOKIE[a.lang])}</p><button>Accept</button></div>
<header class="css-hd"><nav class="css-nv"><ul>{nav_html(a.lang)}</ul></nav></header>
<main id="main-content" class="css-mn"><article class="css-art">
<header class="css-ah"><h1 id="main-heading" class="css-h1">{e(a.title)}</h1>
<div data-component="byline-block" class="css-by"><span>{e(a.byline)}</span><time>{e(a.date)}</time></div></header>
{blocks}
{table}
<div data-component="links-block" class="css-lb"><h2>{e(RELATED[a.lang])}</h2><ul>{items}</ul></div>
</article>
<section data-component="newsletter" class="css-nl"><p>{e(NEWSLETTER[a.lang])}</p></section>
</main>
<footer class="css-ft"><p>{e(FOOTER[a.lang])}</p></footer>
</div></body></html>"""
    return Page(html, chrome_drops(a, "cookie", "newsletter", "footer"))


def legacy(a: Article) -> Page:
    """An old table-layout site: <font>, <br><br> between paragraphs, no <p>, no <article>."""
    body = "<br><br>\n".join(e(p) for p in a.paras)
    items = "<br>".join(f'<a href="/n{i}.html">{e(h)}</a>' for i, h in enumerate(a.related))
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={ {"utf-8": "utf-8", "cp1251": "windows-1251", "koi8-r": "koi8-r"}[a.encoding] }">
<title>{e(a.title)}</title></head>
<body bgcolor="#ffffff"><table width="100%" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2" class="top"><a href="/"><img src="/i/logo.gif" alt="logo"></a> {" | ".join(f'<a href="/r{i}">{e(n)}</a>' for i, n in enumerate(NAV[a.lang]))}</td></tr>
<tr><td width="180" valign="top" class="left"><font size="2"><b>{e(MOST_READ[a.lang])}</b><br>{items}</font></td>
<td valign="top" class="main"><font size="2" face="Arial">
<font size="4"><b>{e(a.title)}</b></font><br><i>{e(a.date)}</i><br><br>
{body}
<br><br>{table_html(a, "tbl").replace("<table", '<table border="1" cellpadding="3"')}
<br><br><i>{e(a.byline)}</i>
</font></td></tr>
<tr><td colspan="2" align="center"><font size="1">{e(FOOTER[a.lang])}</font><br><a href="#top">{e(TOP[a.lang])}</a></td></tr>
</table></body></html>"""
    return Page(html, chrome_drops(a, "footer", "top"))


def amp(a: Article) -> Page:
    """An AMP article: amp-consent, amp-social-share, sidebar menu."""
    first, rest = split_paras(a)
    html = f"""<!doctype html><html amp lang="{a.lang}"><head><meta charset="utf-8"><title>{e(a.title)}</title>
<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-custom>body{{font-family:serif}}</style></head>
<body>
<amp-consent id="consent" layout="nodisplay"><div class="consent-ui"><p>{e(COOKIE[a.lang])}</p><button on="tap:consent.accept">Accept</button></div></amp-consent>
<amp-sidebar id="sidebar" layout="nodisplay" side="left"><ul>{nav_html(a.lang)}</ul></amp-sidebar>
<header class="amp-header"><a href="/">Caucasus Daily</a></header>
<article class="amp-article">
<h1>{e(a.title)}</h1><div class="amp-meta">{e(a.byline)} | {e(a.date)}</div>
<div class="amp-share"><amp-social-share type="facebook"></amp-social-share><span>{e(SHARE[a.lang][0])}</span></div>
<div class="amp-body">
{first}
{table_html(a)}
{rest}
</div>
<aside class="amp-newsletter"><p>{e(NEWSLETTER[a.lang])}</p></aside>
{related_html(a, RELATED[a.lang], "amp-related")}
</article>
{comments_html(a, "ul", "amp-comments")}
<footer class="amp-footer"><p>{e(FOOTER[a.lang])}</p><a href="#top">{e(TOP[a.lang])}</a></footer>
</body></html>"""
    return Page(html, chrome_drops(a, "cookie", "share", "newsletter", "footer", "top"))


def wire(a: Article) -> Page:
    """A news agency page: dateline in the lead, "More from" list, trust line, tags."""
    first, rest = split_paras(a)
    trust = {
        "en": "Our Standards: The Caucasus Daily Trust Principles.",
        "ru": "Наши стандарты: принципы доверия агентства.",
        "hy": "Մեր չափանիշները՝ գործակալության վստահության սկզբունքները։",
    }[a.lang]
    html = f"""{head(a)}
<body><div class="layout">
<header class="site-header"><nav>{" ".join(f'<a href="/{n}">{e(n)}</a>' for n in NAV[a.lang])}</nav><a class="subscribe-btn" href="/subscribe">Subscribe</a></header>
<main class="article-body">
<div class="article-header"><span class="tag">{e(NAV[a.lang][1])}</span><h1 data-testid="Heading">{e(a.title)}</h1>
<div class="info"><span data-testid="AuthorName">{e(a.byline)}</span> <time>{e(a.date)}</time></div></div>
<div class="article-body__content">
{first.replace("<p>", '<p data-testid="paragraph">')}
{table_html(a)}
{rest.replace("<p>", '<p data-testid="paragraph">')}
</div>
<p class="trust">{e(trust)}</p>
<div class="share-bar"><button>{e(SHARE[a.lang][0])}</button><button>{e(SHARE[a.lang][-1])}</button></div>
{related_html(a, "More from Caucasus Daily" if a.lang == "en" else RELATED[a.lang], "more-from")}
</main>
<div class="cookie-banner"><p>{e(COOKIE[a.lang])}</p></div>
<footer class="site-footer"><p>{e(FOOTER[a.lang])}</p></footer>
</div></body></html>"""
    return Page(html, [*chrome_drops(a, "share", "cookie", "footer"), trust])


SKINS: dict[str, Callable[[Article], Page]] = {
    "wordpress": wordpress,
    "portal": portal,
    "liveblog": liveblog,
    "divsoup": divsoup,
    "legacy": legacy,
    "amp": amp,
    "wire": wire,
}
