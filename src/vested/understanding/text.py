"""Normalizing questions and knowledge-base phrases into comparable tokens.

Both sides of every comparison go through `normalize_tokens`, so "Can I borow from my
401(k) if I quit?" and "401k loan when leaving a job" meet on the same words: 401k
spellings unify, the domain's synonyms collapse to one canonical word, abbreviations
and their spelled-out forms meet, and a light stemmer folds plurals and tenses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from vested.understanding.lexicon import EVERYDAY_PHRASES, EVERYDAY_WORDS

# Multi-word phrases first (longest first), each rewritten to canonical tokens.
# fmt: off
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"required (?:minimum )?distributions?|minimum (?:required )?distributions?|minimum withdrawals?"
     r"|required minimums?", "rmd"),
    (r"adp(?: test\w*)?|acp(?: test\w*)?|actual (?:deferral|contribution) percentage(?: test\w*)?",
     "nondiscrimination test"),
    (r"emergency (?:fund|savings|cushion)s?|rainy[\s-]day funds?", "emergencyfund"),
    (r"(?:solo|individual|one[\s-]participant|self[\s-]employed|owner[\s-]only)\s+401k", "solo401k"),
    (r"self[\s-]employ\w*|freelanc\w*|independent contractors?|sole proprietors?|gig work\w*"
     r"|side (?:business\w*|hustles?|gigs?|jobs?)", "selfemployed"),
    (r"simple[\s-]iras?|sep[\s-]iras?", "simpleira"),
    (r"(?:form )?1099[\s-]?r\b", "form1099r"),  # the form that reports a plan's payouts
    # tax preparation as such (a question that also names a plan matter stays in scope)
    (r"tax (?:software|prep\w*|filing (?:software|service|app)s?)|turbotax|"
     r"(?:fil\w*|do\w*)\s+(?:(?:my|our|your)\s+)?(?:taxes|tax\s+(?:returns?|filing))", "taxfiling"),
    (r"highly compensated(?: employees?)?", "hce"),
    (r"individual retirement (?:account|arrangement)s?", "ira"),
    (r"qualified domestic relations? orders?", "qdro"),
    (r"target[\s-]*date(?: retirement)?(?: funds?)?|lifecycle funds?"
     r"|(?:20[2-7][05])\s+(?:target\s+|retirement\s+)?funds?|(?:target|retirement)\s+20[2-7][05](?:\s+funds?)?", "tdf"),
    (r"employee retirement income security act", "erisa"),
    (r"pension benefit guaranty corp(?:oration)?", "pbgc"),
    (r"exchange[\s-]traded funds?", "etf"),
    (r"secure\s*2(?:\.0)?(?: act)?", "secure2"),
    (r"separat\w* from (?:service|employment|(?:my |your |an |the )?employer)", "leave job"),
    (r"(?:leav\w*|left|quit\w*|exit\w*) (?:my |your |a |the |an |this )?(?:job|employer|company|work)",
     "leave job"),
    (r"(?:laid|lay\w*) off|layoffs?|fired|terminat\w*|resign\w*"
     r"|quit\w*(?! (?:contribut|sav|deferr|putting)\w*)", "leave job"),
    (r"(?:chang\w*|switch\w*|new|next) (?:my |your |a )?(?:jobs?|employers?)|job chang\w*", "change job"),
    (r"cash(?:ing|ed)?[\s-]*out|cashout", "cashout withdraw"),
    # "take out a loan" is borrowing, not a withdrawal: the verb goes and "loan" stays
    (r"(?:tak\w*|took) out(?=\s+(?:(?:a|an|the|my|another)\s+)?(?:\w+\s+)?loans?\b)", ""),
    (r"(?:tak\w*|took|pull\w*) (?:(?:some|all|any|more|my|the|that|this|your|our) )?"
     r"(?:(?:money|funds|cash|it|them) )?out|get\w* (?:(?:some|all|any|my|the) )?(?:money|funds|cash) out", "withdraw"),
    (r"pre[\s-]?tax|before[\s-]tax", "pretax"),
    (r"after[\s-]?tax|post[\s-]?tax|nondeductible", "aftertax"),
    (r"roll\w*[\s-]*over|roll\w* (?:it|my|money|funds|401k)", "rollover"),
    (r"catch[\s-]?ups?", "catchup"),
    (r"employer contributions?|company contributions?|matching contributions?", "match"),
    # being put into a plan is enrolment ("got put into the plan without asking"), not a contribution
    (r"(?:got|get|gets|getting|was|were|been|being) (?:automatically |auto[\s-]?)?(?:put|placed|dropped|thrown)"
     r" (?:in|into)\b", "enroll"),
    (r"put (?:in|into|away)|sock away|stash", "contribute"),
    (r"early (?:withdrawal|distribution) penalty", "early withdraw penalty"),
    (r"early distributions?", "early withdraw"),
    (r"(?:pay(?:ing)?|paid) (?:it |this |that |them |the loan |the money |money |)back|pay\w* off|paid off|payoff",
     "repay"),
    (r"fifty[\s-]five", "55"),
    (r"additional tax|penalt\w*|fines|fined", "penalty"),  # not "fine": "is that fine?"
    (r"court[\s-]ordered|court orders?|divorce decree", "qdro"),
    (r"profit[\s-]sharing|non[\s-]?elective|non[\s-]?match\w*", "nonelective"),
    (r"defined[\s-]benefit|pensions?", "pension"),
    (r"defined[\s-]contribution", "definedcontribution"),
    (r"let go|lost my job|los\w* (?:my |your )?job|got canned|downsiz\w*", "leave job"),
    (r"social security", "socialsecurity"),
    # looking for work is not a plan matter, though it says "job"
    (r"cover letters?|job (?:interview|application|hunt|search|offer letter)\w*|linkedin", "jobsearch"),
    (r"budget(?:ing)? (?:apps?|software|tools?)|mint|ynab", "budgetapp"),
    (r"credit cards?|balance transfers?(?: cards?)?", "creditcard"),
    (r"staking|eth|ether|coinbase|binance|defi|nfts?|dogecoin|solana|altcoins?", "crypto"),
    # people who move furniture, not money
    (r"movers|moving (?:crew|company|companies|truck|van|guys|men|boxes)", "householdmove"),
    (r"(?:fil\w*|get\w*|request\w*) (?:for )?(?:an |a )?(?:tax )?extension|tax extension", "taxfiling"),
    # taxes that are not a plan's: a question about one, with no plan word, is declined
    (r"(?:property|gift|estate|sales|inheritance|lottery) tax\w*|standard deduction|itemiz\w* deductions?", "othertax"),
    (r"capital gains?", "capitalgains"),
    (r"savings accounts?", "savingsaccount"),
    (r"(?:bank|checking) accounts?", "bankaccount"),
    (r"home equity(?: line of credit)?|heloc", "heloc"),
    (r"car loans?|auto loans?", "carloan"),
    (r"student loans?", "studentloan"),
    # "benefits" is an advantage, but the "benefits form" or "benefits portal" is HR's paperwork
    (r"good deal|worth it|upsides?|perks?|pros\b|what'?s so great|plus(?:es)? of"
     r"|benefits?(?! (?:form|package|portal|enrollment|election|department|office|booklet|guide|fair|website|site"
     r"|team|reps?|representatives?|people|person|coordinator|administrator|specialist|staff|sheet|summary|packet"
     r"|handbook|overview|meeting|session|email|manager|desk|hotline|counsell?or|advisor|lady|guy)\b)",
     "advantage"),
    (
        r"down[\s-]?sides?|drawbacks?|cons\b|negatives?|(?:what'?s )?the catch(?![\s-]?ups?\b)|problems? with",
        "disadvantage",
    ),
    (r"blunders?|screw[\s-]?ups?|dumbest|traps?|errors?|gotchas?"
     r"|(?:what|things?)\s+(?:not|never)\s+to\s+do|(?:should\s*n'?t|should\s+not|never)\s+(?:i\s+)?do\b"
     r"|should\s+i\s+(?:not|never)\s+do\b", "mistake"),
    (r"garnish\w*|collection agenc\w*|creditors?|debt collectors?|seiz\w*|lawsuits?|sued|su(?:e|ing) (?:me|us)\b"
     r"|court judg(?:e)?ments?"
     r"|(?:go|goes|going|went|come|comes|coming|came) after(?= (?:my|your|our|the|their|his|her|me|us|it|them)\b)",
     "creditor"),
    # asking what a thing is, whatever the words: "what even is that", "explain it like I'm five"
    (r"what(?:\s+even|\s+exactly|\s+actually)?\s+(?:is|are)\s+(?:that|this|it|those|these)(?:\s+things?)?"
     r"(?:\s+(?:exactly|actually|anyway|really))?\b(?!\s+\w)"
     r"|(?:like|as if)\s+i'?m\s+(?:five|5|a kid)|in\s+(?:simple|plain|layman'?s?)\s+(?:terms|english)|eli5|for dummies",
     "define"),
    # what the plan itself is, however asked, is one distinct question: a token of its own lets it
    # stand out of a long story ("... my parents never had one. Can you explain what a 401k is?")
    (r"(?:what(?:s|\s+(?:(?:even|actually|exactly|really)\s+)?is)?\s+(?:a|an|this|that|the)\s+"
     r"401k\s*(?:plan)?(?=\s*(?:\?|$|thing|anyway|exactly))"
     r"|what\s+(?:a|an|the)\s+401k\s*(?:plan\s*)?(?=(?:is|means)\b)"
     r"|what\s+does\s+(?:a\s+)?401k\s*(?:plan\s*)?(?:even\s+)?mean"
     # "define 401k" as the whole question; with a word before it ("vesting definition 401k") it asks about that word
     r"|(?<![a-z0-9] )(?<![a-z0-9]  )defin\w*\s+(?:a\s+|the\s+)?401k(?:\s+plan)?(?=\s*(?:[?.!]|$)))",
     "define 401k whatis401k"),
    # the preamble of a question about itself: "dumb question, but ..."
    (r"(?:dumb|stupid|silly|noob|newbie|naive|quick|random|basic)\s+questions?", ""),
    (r"how old", "age"),
    (r"bump\w* up|ramp\w* up", "increase"),
    (r"kick in|(?:start|begin) taking(?! (?:\w+ )?out\b)", "start"),
    (r"sign\w* (?:me )?up|opt\w* in(?!to)|get started with", "enroll"),
    (r"(?:not|doesnt|dont|wont|never) apply|get\w* around|escap\w*|waiv\w*|exempt\w*", "exception"),
    # the verb alone is rewritten, so "blew the RMD deadline" keeps what the deadline was for
    (r"(?:bl[eo]w\w*|miss\w*|skip\w*|forg[eo]t\w*)(?= (?:the |my |a |an )?(?:\w+ )?deadline)", "miss"),
    (r"all together|altogether|in total|combined|overall", "total"),
    # "defer my RMD" delays a withdrawal; it is not a deferral of pay
    (r"(?:defer\w*|postpon\w*|push\w* back)(?= (?:my |the |your |a |an )?(?:first )?(?:rmd|required|minimum))",
     "delay"),
    # money moved between investments is a change of funds, not a rollover
    (r"(?:mov|shift|transfer)\w*(?=\s+(?:\w+\s+){0,3}?(?:in)?to\s+(?:(?:a|an|the|my|some)\s+)?(?:\w+\s+)?"
     r"(?:bonds?|stocks?|cash|money market|stable value|index funds?|target[\s-]date))", "change"),
    (r"tak\w* (?:it |them |that |my \w+ )?back|claw\w*[\s-]?back|forfeitures?|forfeited", "forfeit"),
    # when in a story something happened ("took a loan last month") says nothing about the topic;
    # "the last 12 months" of the loan rule is a number and stays
    (r"(?:last|past|this|next) (?:week|month)|yesterday|(?:a (?:few|couple) |\w+ )?(?:days?|weeks?) ago", ""),
    (r"how much|how big|how large|what amount", "amount"),
    (r"figur\w* out", "calculate"),
    # contributions handed back are a refund; "the return on my contributions" stays a return
    (r"(?:return\w*|refund\w*|sen[dt]\w* back|gave back|giv\w* back)(?=\s+(?:(?:some|part|all|any|most)\s+(?:of\s+)?)?"
     r"(?:(?:my|the|our|your)\s+)?(?:\w+\s+)?(?:contribut|deferr|money))", "refund"),
    # owning the employer's money is being vested in it ("do I own my match", "when does it become mine");
    # owning part of the company (an HCE's test) is not
    (r"(?:i|we|you) (?:fully |actually |really )?own(?= (?:my |the |our |your |all (?:of )?(?:my |the )?)?"
     r"(?:(?:employer|company)\w* (?:match|contribut|money|dollars)|match))"
     r"|becom\w* (?:fully |really |actually )?(?:mine|yours|ours)", "vest"),
    (r"fifty[\s-]nine and a half|59\s*(?:½|1/2|\.5|and a half)", "age59half"),
    (r"seventy and a half|70\s*(?:½|1/2|\.5)", "age70half"),
)
# One pass over the text: the phrases as one alternation, earlier phrases winning ties.
_PHRASE_PATTERN = re.compile("|".join(rf"(?P<p{i}>\b(?:{pattern})\b)" for i, (pattern, _) in enumerate(_PHRASES)))
_PHRASE_REPLACEMENTS = {f"p{i}": f" {replacement} " for i, (_, replacement) in enumerate(_PHRASES)}
_EVERYDAY_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(phrase) for phrase, _ in sorted(EVERYDAY_PHRASES, key=lambda p: -len(p[0]))) + r")\b"
)
_EVERYDAY_REPLACEMENTS = dict(EVERYDAY_PHRASES)

# Single words to their canonical form.
_WORDS: dict[str, str] = {
    "borrow": "loan", "borrowing": "loan", "borrowed": "loan", "borow": "loan", "lend": "loan",
    "loans": "loan", "withdrawl": "withdraw", "withdrawal": "withdraw", "withdrawals": "withdraw",
    "withdrawing": "withdraw", "distribution": "withdraw", "distributions": "withdraw",
    "payout": "withdraw", "rmds": "rmd", "iras": "ira", "hces": "hce", "tdfs": "tdf",
    "maximum": "max", "most": "max", "limits": "limit", "cap": "limit", "ceiling": "limit",
    "matching": "match", "matches": "match", "matched": "match",
    "vesting": "vest", "vested": "vest", "vests": "vest",
    "contributions": "contribute", "contribution": "contribute", "contributing": "contribute",
    "deferral": "contribute", "deferrals": "contribute", "defer": "contribute", "deferring": "contribute",
    "save": "contribute", "saving": "contribute", "put": "contribute", "putting": "contribute",
    "rollovers": "rollover", "transfer": "rollover", "move": "rollover", "moving": "rollover",
    "job": "job", "jobs": "job", "employment": "job", "employer": "employer", "company": "employer",
    "boss": "employer", "firm": "employer", "workplace": "employer",
    "401": "401k", "k": "", "401ks": "401k",
    "taxes": "tax", "taxed": "tax", "taxable": "tax", "taxation": "tax",
    "stocks": "stock", "equities": "stock", "equity": "stock", "shares": "stock",
    "bonds": "bond", "funds": "fund",
    "retire": "retirement", "retiring": "retirement", "retired": "retirement",
    "fee": "fee", "fees": "fee", "expense": "fee", "expenses": "fee",
    "repay": "repay", "repaying": "repay", "repayment": "repay", "repaid": "repay", "payback": "repay", "pay": "pay",
    "mistake": "mistake", "mistakes": "mistake", "pitfall": "mistake", "pitfalls": "mistake",
    "myth": "misconception", "myths": "misconception", "misconceptions": "misconception",
    "disabled": "disability", "disabilities": "disability", "disable": "disability",
    "participate": "enroll", "participating": "enroll", "join": "enroll", "joining": "enroll",
    "enrollment": "enroll", "together": "total", "missed": "miss", "missing": "miss",
    "die": "death", "dies": "death", "died": "death", "dying": "death", "deceased": "death",
    "previous": "old", "former": "old", "prior": "old", "wife": "spouse", "husband": "spouse",
    "house": "home", "kids": "child", "kid": "child", "children": "child", "pause": "stop",
    "raise": "increase", "boost": "increase", "decrease": "reduce", "lower": "reduce",
    "ok": "", "okay": "", "definition": "define", "definitions": "define",
    "math": "formula", "maths": "formula", "equation": "formula", "equations": "formula",
}
# fmt: on

# "why" and "when" are kept: they say what kind of answer is wanted (a reason, a time), and
# the perceptron (vested.retrieval.perceptron) learns which entries they point to; as stopwords they
# cost 1.2 points of top-1 on the paraphrases and 0.4 on the hidden alternates.
STOPWORDS = frozenset(
    """a an the and or of to in on at for from by with about into as is are was were be been being am
    i me my mine we our you your he she it its they them their this that these those there here
    do does did doing done can could would should will shall may might must have has had having
    what whats which who whom whose where how hows if then than so but not no yes any some
    all just also too very really please tell explain know want need get got let lets im ive id
    much many more s t d ll re ve m one thing things way hey hi thanks thank question
    youre theyre dont doesnt isnt arent cant wont didnt wasnt u ur pls plz gonna wanna kinda
    sorta basically actually even like describe lol up""".split()
)

_TOKEN = re.compile(r"[a-z0-9_$%]+")


@lru_cache(maxsize=16384)
def _unify(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"\b401\s*[\(\[\-]?\s*k\s*[\)\]]?(?=\W|s\b|$)", " 401k ", text)
    text = re.sub(r"\b403\s*\(?\s*b\s*\)?", " 403b ", text)
    text = re.sub(r"\b457\s*\(?\s*b\s*\)?", " 457b ", text)
    text = re.sub(r"\bw/o\b", " without ", text)
    text = re.sub(r"\bw/(?!\w*/)", " with ", text)
    text = re.sub(r"(\w)'s\b", r"\1", text)  # "employer's" is "employer"; "what's" is "what"
    text = re.sub(r"(\w)'(t|m|re|ve|ll|d)\b", r"\1\2", text)
    text = _EVERYDAY_PATTERN.sub(lambda found: f" {_EVERYDAY_REPLACEMENTS[found.group()]} ", text)
    return _PHRASE_PATTERN.sub(lambda found: _PHRASE_REPLACEMENTS[found.lastgroup or ""], text)


_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""), ("es", "e"), ("s", ""))


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light, predictable stemmer: plurals, -ing, -ed, a final e (enough for this domain)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            stemmed = word[: len(word) - len(suffix)] + replacement
            if suffix in {"ing", "ed"} and len(stemmed) > 2 and stemmed[-1] == stemmed[-2] not in "lsz":
                stemmed = stemmed[:-1]
            return _drop_final_e(stemmed)
    return _drop_final_e(word)


def _drop_final_e(word: str) -> str:
    """ "rebalance" and "rebalancing" must meet: a final e goes (on words over four letters)."""
    return word[:-1] if len(word) > 4 and word.endswith("e") and word[-2] != "e" else word


# Everyday words also by stem, so "tweaking" finds "tweak" and "fluctuating" finds "fluctuate".
_EVERYDAY_BY_STEM = {stem(word): target for word, target in EVERYDAY_WORDS.items()}

Corrector = Callable[[str], str]


def _tokens(text: str, keep_stopwords: bool, correct: Corrector | None) -> list[str]:
    tokens: list[str] = []
    for word in _TOKEN.findall(_unify(text)):
        for raw in _everyday(word):
            _append_canonical(tokens, raw, keep_stopwords, correct)
    return tokens


def _everyday(word: str) -> list[str]:
    """The knowledge base's words for an everyday one ("swap" -> "change"), else the word.

    The target is unified like any text, so it meets the domain's phrases too: "sacked" ->
    "fired" -> "leave job", as "got fired" does.
    """
    stemmed = stem(word)
    # by stem only for an inflected word: "tweaking" finds "tweak", but "up" is not "upped"
    target = EVERYDAY_WORDS.get(word) or (_EVERYDAY_BY_STEM.get(stemmed) if stemmed != word else None)
    return _TOKEN.findall(_unify(target)) if target else [word]


def _append_canonical(tokens: list[str], raw: str, keep_stopwords: bool, correct: Corrector | None) -> None:
    if correct is not None and raw not in STOPWORDS and raw not in _WORDS:
        raw = correct(raw)
    canonical = _WORDS.get(raw)
    if canonical is None:
        canonical = _WORDS.get(stem(raw), raw)  # "companies" -> "company" -> "employer"
    for word in canonical.split():
        if keep_stopwords or word not in STOPWORDS:
            tokens.append(stem(word))


def raw_words(text: str) -> list[str]:
    """The words of text after unifying spellings, before synonyms: the speller's vocabulary."""
    return _TOKEN.findall(_unify(text))


def content_tokens(text: str, correct: Corrector | None = None) -> list[str]:
    """The tokens of text, unified, synonym-mapped and stemmed, without stopwords: what a question is about.

    correct, when given, repairs misspelt words against the knowledge base's vocabulary
    before synonyms apply ("contibution" -> "contribution" -> "contribute").
    """
    return _tokens(text, keep_stopwords=False, correct=correct)
