"""Paired-punctuation rules (GW120, GW121), after GB/T 15834-2011《标点符号用法》.

GW120: a “ ” ‘ ’ 《 》 〈 〉 （ ） 【 】 left unclosed, closed without being opened, or closed
across another pair (“《…”》) within one text. Apostrophes in Latin words (Xi’an) and
enumerators typed as ``1）`` are not pairs.

GW121: a 顿号 between two 书名号 or two 引号 pairs (``《A》、《B》``, ``“A”、“B”``).
GB/T 15834-2011 4.5.3.5: 标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号;
when something else stands between them (a bracketed note after a title), the 顿号 stays,
and the pattern, which needs the two marks side by side, leaves that case alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from gongwen.lint.core import WARNING, Finding, Source, blank_expressions, rule, snippet
from gongwen.lint.lazyre import LazyPattern

PAIRS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "【": "】"}
_OPENERS = {close: open_ for open_, close in PAIRS.items()}
_MARK = LazyPattern("[" + "".join(PAIRS) + "".join(_OPENERS) + "]")
_LATIN_OR_DIGIT = LazyPattern(r"[A-Za-z0-9Ａ-Ｚａ-ｚ]")
# 1）, a）, 二）, ①） at the start of a text or of a clause: an enumerator, not half a pair
_ENUMERATOR_CHARS = LazyPattern(r"[0-9０-９A-Za-z一二三四五六七八九十\u2460-\u2473]")
_CLAUSE_BREAKS = frozenset(" \t\n\u3000，,；;：:。、")
_TYPES = {"“": "引号", "‘": "单引号", "《": "书名号", "〈": "书名号", "（": "括号", "【": "方头括号"}
_SIDES = {"“": "左", "‘": "左", "《": "前", "〈": "前", "（": "左", "【": "左"}
_OTHER_SIDE = {"左": "右", "前": "后"}


def _quoted(mark: str) -> str:
    """“》” in a message; a quote mark stands alone (“”” would be unreadable)."""
    return f" {mark} " if mark in "“”‘’" else f"“{mark}”"


def _name(mark: str) -> str:
    """左引号 “ , 后书名号“》”, …: a mark named in words and shown."""
    open_ = _OPENERS.get(mark, mark)
    side = _SIDES[open_] if mark == open_ else _OTHER_SIDE[_SIDES[open_]]
    return f"{side}{_TYPES[open_]}{_quoted(mark)}"


def _shown(excerpt: str) -> str:
    """An excerpt in “”, unless it holds quote marks itself (“”” is unreadable): then set off by spaces."""
    return f" {excerpt} " if set(excerpt) & set("“”‘’") else f"“{excerpt}”"


def _context(text: str, index: int) -> str:
    return f"（原文：{_shown(snippet(text, index, index + 1, 8)).strip()}）"


def unbalanced(text: str) -> tuple[int, str] | None:
    """The first unbalanced mark of ``text``: its offset and a message, or ``None`` when all pairs close."""
    if not _MARK.search(text):
        return None  # blanking adds no mark
    blank = blank_expressions(text)
    stack: list[tuple[str, int]] = []
    for mark in _MARK.finditer(blank):  # only the marks, not every character
        index, char = mark.start(), mark.group()
        if char in PAIRS:
            stack.append((char, index))
        elif char in _OPENERS:
            if char == "’" and _is_apostrophe(blank, index, stack):
                continue
            if stack and stack[-1][0] == _OPENERS[char]:
                stack.pop()
            elif any(open_ == _OPENERS[char] for open_, _ in stack):
                top, at = stack[-1]
                return index, _crossing(text, top, char, index)
            elif not (char == "）" and _is_enumerator(blank, index)):
                return index, _unopened(text, char, index)
    if stack:
        open_, index = stack[0]
        return index, _unclosed(text, open_, index)
    return None


def _is_enumerator(text: str, index: int) -> bool:
    """``1）``, ``a）``, ``二）`` at the start of the text or of a clause (looks back 4 characters at most)."""
    length = 0
    while length < 4 and index - length > 0 and _ENUMERATOR_CHARS.match(text[index - length - 1]):
        length += 1
    start = index - length
    return 1 <= length <= 3 and (start == 0 or text[start - 1] in _CLAUSE_BREAKS)


def _is_apostrophe(text: str, index: int, stack: list[tuple[str, int]]) -> bool:
    """’ after a Latin letter (Xi’an, students’), unless it closes an open ‘."""
    before = text[index - 1] if index else ""
    return bool(_LATIN_OR_DIGIT.match(before)) and not (stack and stack[-1][0] == "‘")


def _unclosed(text: str, open_: str, index: int) -> str:
    close = PAIRS[open_]
    return (
        f"{_TYPES[open_]}不成对：{_name(open_)}没有对应的{_name(close)}{_context(text, index)}。"
        f"请在该结束的地方补上{_quoted(close)}，或删去多余的{_quoted(open_)}。"
    )


def _unopened(text: str, close: str, index: int) -> str:
    open_ = _OPENERS[close]
    hint = "；也可能是左右引号输反了" if open_ in "“‘" else ""
    return (
        f"{_TYPES[open_]}不成对：{_name(close)}前面没有对应的{_name(open_)}{_context(text, index)}。"
        f"请补上{_quoted(open_)}，或删去多余的{_quoted(close)}{hint}。"
    )


def _crossing(text: str, top: str, close: str, index: int) -> str:
    return (
        f"成对的标点交叉了：{_name(top)}还没有闭合，就出现了{_name(close)}{_context(text, index)}。"
        f"成对的标点应里外嵌套，如“《……》”；请在{_quoted(close)}前补上{_quoted(PAIRS[top])}，或删去多余的{_quoted(top)}。"
    )


@rule("GW120", "unbalanced-pairs", WARNING, "引号、书名号、括号不成对或交叉，如“（共6次”")
def unbalanced_pairs(source: Source) -> Iterator[Finding]:
    for path, text in source.prose():
        found = unbalanced(text)
        if found:
            yield Finding(path, found[1], text, found[0])


# ---------------------------------------------------------------- GW121 顿号 between pairs

# On. The two examples that reproduce the seed verbatim keep its 《A》、《B》 and say
# 不检查: [GW121]; a test can still switch the rule off to compare.
COMMA_BETWEEN_PAIRS_ON = True
_BETWEEN = LazyPattern(r"(?:[》〉][ \u3000]*(、)[ \u3000]*[《〈])|(?:[”’][ \u3000]*(、)[ \u3000]*[“‘])")
_MAX_SHOWN = 30  # a longer pair is not spelled out in the message


def commas_between_pairs(text: str) -> Iterator[tuple[int, str]]:
    """Offsets of each 顿号 set between two 书名号 or two 引号 pairs, with the kind of pair."""
    for match in _BETWEEN.finditer(blank_expressions(text)):
        group = 1 if match.group(1) else 2
        yield match.start(group), "书名号" if group == 1 else "引号"


def _without_comma(text: str, index: int) -> str:
    """The text around the 顿号 at ``index`` as GB/T 15834 writes it: …方案》《新城…, or the whole
    pairs when they are short: 《条例》《准则》."""
    closing, opening = text[:index].rstrip()[-1:], text[index + 1 :].lstrip()[:1]
    start = text.rfind(_OPENERS.get(closing, "\0"), 0, index)
    end = text.find(PAIRS.get(opening, "\0"), index + 2)
    if 0 <= start and 0 <= end and end - start <= _MAX_SHOWN:
        return text[start:index].rstrip() + text[index + 1 : end + 1].lstrip()
    joined = text[:index].rstrip() + text[index + 1 :].lstrip()
    middle = len(text[:index].rstrip())
    return snippet(joined, middle - 1, middle + 1)


@rule("GW121", "comma-between-pairs", WARNING, "并列的书名号或引号之间用了顿号，如“《条例》、《准则》”")
def comma_between_pairs(source: Source) -> Iterator[Finding]:
    if not COMMA_BETWEEN_PAIRS_ON:
        return
    for path, text in source.prose():
        for index, kind in commas_between_pairs(text):
            fix = f"请删去“、”，写成{_shown(_without_comma(text, index))}"
            message = (
                f"并列的{kind}之间用了顿号{_context(text, index)}。"
                f"按 GB/T 15834—2011 第 4.5.3.5 条，标有{kind}的并列成分之间通常不用顿号，{fix}；"
                f"{kind}后还有括注等其他成分时才用顿号。"
            )
            yield Finding(path, message, text, index)
