#!/usr/bin/env python3
"""Checks the shopping language in Intents/ without the Swift engine.

Parses every *.yml/*.yaml file with PyYAML, every `[text](entity)` and
`[text]{"entity": ..., "value": ...}` annotation, and reports:
  - YAML errors, unknown keys (an `intent_classifier:` settings file is checked apart), stray or unbalanced brackets, bad JSON in {...}
  - intent and entity names outside the protocol's list
  - synonym targets that are not canonical values of their entity
  - examples per intent against the minimums (60 shopping/order, 25 chit-chat)
  - the same example under two intents, and repeated examples within an intent
  - order ids that do not follow the shop's pattern (A + 5..7 digits, optional #)
  - `sort` values outside price_asc/price_desc/rating_desc/newest

Usage: python3 .ci/check_intents.py [Intents] [--stats] [--unannotated] [--dump-tsv FILE]
Exit status 1 when an error is found (warnings do not fail).
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

import yaml

INTENTS = """greet goodbye thanks help affirm deny cancel human_handoff out_of_scope
search_products refine_search recommend product_details compare_products add_to_cart
remove_from_cart view_cart checkout order_status cancel_order return_item delivery_options
promotions my_data forget_me feedback""".split()
CHITCHAT = set("greet goodbye thanks help affirm deny cancel human_handoff feedback".split())
MIN_CHITCHAT, MIN_TASK, MIN_OOS = 25, 60, 100
ENTITIES = set("""category brand color size feature product quantity order_id email postcode
sort material gender""".split())
SORT_VALUES = {"price_asc", "price_desc", "rating_desc", "newest"}
ORDER_ID = re.compile(r"^#?[Aa]\d{5,7}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
# Entities whose values must be the canonical values listed in lookups/ (synonym targets
# or lookup entries); free-text entities (product, brand, order_id, email, postcode,
# quantity) are not checked this way.
CLOSED = {"category", "color", "size", "sort", "material", "gender", "feature"}

ANNOT = re.compile(r"\[(?P<text>[^\[\]]+)\](?:\((?P<simple>[^()]+)\)|(?P<json>\{[^{}]*\}))")


class Report:
    def __init__(self):
        self.errors, self.warnings = [], []

    def error(self, where, msg):
        self.errors.append(f"{where}: error: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"{where}: warning: {msg}")


def parse_example(line, where, rep):
    """Returns (plain text, [(entity, value, start, end, surface)])."""
    out, ents, pos = [], [], 0
    plain_len = 0
    for m in ANNOT.finditer(line):
        before = line[pos:m.start()]
        out.append(before)
        plain_len += len(before)
        text = m.group("text")
        if m.group("simple"):
            spec = m.group("simple")
            name = spec.split(":")[0].split("@")[0].strip()
            value = text
        else:
            try:
                obj = json.loads(m.group("json"))
            except json.JSONDecodeError as e:
                rep.error(where, f"bad JSON in {m.group('json')!r}: {e}")
                obj = {}
            name = obj.get("entity", "")
            value = obj.get("value", text)
            extra = set(obj) - {"entity", "value", "role", "group"}
            if extra:
                rep.error(where, f"unknown keys {sorted(extra)} in {m.group('json')}")
        ents.append((name, str(value), plain_len, plain_len + len(text), text))
        out.append(text)
        plain_len += len(text)
        pos = m.end()
    out.append(line[pos:])
    plain = "".join(out)
    for ch in "[](){}":
        if ch in plain:
            rep.error(where, f"stray {ch!r} left after removing annotations: {line!r}")
            break
    for name, value, s, e, surface in ents:
        if surface != surface.strip():
            rep.error(where, f"annotation {surface!r} has leading/trailing spaces")
        if s > 0 and plain[s - 1].isalnum():
            rep.error(where, f"annotation {surface!r} starts inside a word: {plain!r}")
        if e < len(plain) and plain[e].isalnum():
            rep.error(where, f"annotation {surface!r} ends inside a word: {plain!r}")
    return plain, ents


def load(folder, rep):
    examples = []  # (intent, plain, ents, where)
    synonyms = {}  # surface -> canonical
    lookups = defaultdict(set)
    regexes = defaultdict(list)
    files = sorted(
        os.path.join(d, f)
        for d, _, fs in os.walk(folder)
        for f in fs
        if f.endswith((".yml", ".yaml"))
    )
    for path in files:
        rel = os.path.relpath(path, folder)
        with open(path, encoding="utf-8") as fh:
            raw = fh.read()
        try:
            doc = yaml.safe_load(raw)
        except yaml.YAMLError as e:
            rep.error(rel, f"YAML: {e}")
            continue
        if not isinstance(doc, dict):
            rep.error(rel, "top level is not a mapping")
            continue
        if "nlu" not in doc and "intent_classifier" in doc:
            # Model settings, not NLU data (TrainingSettings in Sources/NLU/Core/TrainingData.swift).
            settings = doc["intent_classifier"]
            if set(doc) - {"intent_classifier"}:
                rep.error(rel, f"unknown top-level keys {sorted(set(doc) - {'intent_classifier'})}")
            if not isinstance(settings, dict) or set(settings) - {"loss"}:
                rep.error(rel, "intent_classifier: must be a mapping with the key `loss`")
            elif settings.get("loss") not in ("logistic", "hinge"):
                rep.error(rel, f"intent_classifier.loss is {settings.get('loss')!r}, expected logistic or hinge")
            continue
        if str(doc.get("version")) != "3.1":
            rep.error(rel, f"version is {doc.get('version')!r}, expected \"3.1\"")
        unknown = set(doc) - {"version", "nlu"}
        if unknown:
            rep.error(rel, f"unknown top-level keys {sorted(unknown)}")
        lines = raw.splitlines()
        for item in doc.get("nlu") or []:
            keys = set(item)
            kind = next((k for k in ("intent", "synonym", "lookup", "regex") if k in item), None)
            if kind is None:
                rep.error(rel, f"item without intent/synonym/lookup/regex: {item!r}")
                continue
            if keys - {kind, "examples", "metadata"}:
                rep.error(rel, f"{kind} {item[kind]!r}: unknown keys {sorted(keys - {kind, 'examples', 'metadata'})}")
            name = str(item[kind])
            body = item.get("examples") or ""
            if kind != "intent" and not str(body).strip():
                rep.error(rel, f"{kind} {name!r} has no examples")
            if not isinstance(body, str):
                rep.error(rel, f"{kind} {name}: examples must be a `|` block")
                continue
            # line of the item header, for messages
            hdr = next((i + 1 for i, l in enumerate(lines) if re.match(rf"^- {kind}:\s*\"?{re.escape(name)}\"?\s*$", l)), 0)
            for j, ex in enumerate(body.splitlines()):
                if not ex.strip():
                    continue
                where = f"{rel}:{hdr + 2 + j} ({kind} {name})"
                if not ex.startswith("- "):
                    rep.error(where, f"example line does not start with '- ': {ex!r}")
                    continue
                text = ex[2:].strip()
                if kind == "intent":
                    if name not in INTENTS:
                        rep.error(where, f"unknown intent {name!r}")
                    plain, ents = parse_example(text, where, rep)
                    for en, val, *_ in ents:
                        if en not in ENTITIES:
                            rep.error(where, f"unknown entity {en!r} in {text!r}")
                    examples.append((name, plain, ents, where))
                elif kind == "synonym":
                    key = text.lower()
                    if key in synonyms and synonyms[key] != name:
                        rep.error(where, f"synonym {text!r} maps to both {synonyms[key]!r} and {name!r}")
                    synonyms[key] = name
                elif kind == "lookup":
                    lookups[name].add(text.lower())
                else:
                    try:
                        re.compile(text)
                    except re.error as e:
                        rep.error(where, f"bad regex {text!r}: {e}")
                    regexes[name].append(text)
    return examples, synonyms, lookups, regexes


def check(folder, stats=False, dump=None, unannotated=False):
    rep = Report()
    examples, synonyms, lookups, regexes = load(folder, rep)
    per_intent = Counter(i for i, *_ in examples)
    for intent in INTENTS:
        n = per_intent.get(intent, 0)
        need = MIN_OOS if intent == "out_of_scope" else MIN_CHITCHAT if intent in CHITCHAT else MIN_TASK
        if n < need:
            rep.error("Intents", f"intent {intent}: {n} examples, at least {need} wanted")
    seen = {}
    for intent, plain, ents, where in examples:
        key = re.sub(r"\s+", " ", plain.lower().strip(" ?!."))
        if key in seen:
            other_intent, other_where = seen[key]
            if other_intent != intent:
                rep.error(where, f"{plain!r} is also under {other_intent} at {other_where}")
            else:
                rep.warn(where, f"{plain!r} repeated (also at {other_where})")
        else:
            seen[key] = (intent, where)
        if plain != plain.lower() and not re.search(r"[A-Z]\d", plain):
            rep.warn(where, f"not lower-case: {plain!r}")
    # canonical values of closed entities
    canon = defaultdict(set)
    for ent in CLOSED:
        canon[ent] |= lookups.get(ent, set())
    canonical_all = set().union(*canon.values())
    for key, target in synonyms.items():
        if target not in canonical_all and target not in SORT_VALUES:
            rep.warn("lookups", f"synonym target {target!r} (from {key!r}) is in no lookup table")
    ent_counts = Counter()
    for intent, plain, ents, where in examples:
        for en, val, s, e, surface in ents:
            ent_counts[en] += 1
            v = val.lower()
            resolved = synonyms.get(surface.lower(), v) if val == surface else v
            if en == "sort" and resolved not in SORT_VALUES:
                rep.error(where, f"sort value {resolved!r} for {surface!r}: use price_asc/price_desc/rating_desc/newest or add a synonym")
            elif en == "order_id" and not ORDER_ID.match(surface):
                rep.error(where, f"order id {surface!r} does not match #?A + 5..7 digits")
            elif en == "email" and not EMAIL.match(surface):
                rep.error(where, f"email {surface!r} does not look like an email")
            elif en == "size" and re.search(r"\d", resolved):
                pass  # numeric sizes (10, 10.5, 42, 32x34, 27 inch) are kept as typed
            elif en in CLOSED and en != "sort" and resolved not in canon[en]:
                rep.error(where, f"{en} {surface!r} resolves to {resolved!r}, not a canonical {en} (add it to lookups/ or a synonym)")
        # an order id that is not annotated
        for tok in re.findall(r"#?\b[Aa]\d{5,7}\b", plain):
            if not any(en == "order_id" and tok in surface for en, _, _, _, surface in ents):
                rep.error(where, f"order id {tok!r} not annotated in {plain!r}")
        for tok in re.findall(r"\S+@\S+\.\w+", plain):
            if not any(en == "email" for en, *_ in ents):
                rep.error(where, f"email {tok!r} not annotated")
    if unannotated:
        # surface forms of closed entities that appear in an example outside any annotation:
        # either a missed annotation or a word used in another sense; review by hand.
        surfaces = defaultdict(set)
        for ent in CLOSED - {"sort"}:
            for v in canon[ent]:
                surfaces[v].add(ent)
        for key, target in synonyms.items():
            for ent in CLOSED:
                if target in canon[ent] or (ent == "sort" and target in SORT_VALUES):
                    surfaces[key].add(ent)
        for intent, plain, ents, where in examples:
            low = plain.lower()
            covered = [(s, e) for _, _, s, e, _ in ents]
            for surf, kinds in surfaces.items():
                for m in re.finditer(r"(?<![\w'-])" + re.escape(surf) + r"(?![\w'-])", low):
                    if not any(s <= m.start() and m.end() <= e for s, e in covered):
                        rep.warn(where, f"unannotated {'/'.join(sorted(kinds))} {surf!r} in {plain!r}")
    for w in rep.warnings:
        print(w)
    for e in rep.errors:
        print(e)
    if stats:
        print("\nexamples per intent:")
        for intent in INTENTS:
            print(f"  {intent:18} {per_intent.get(intent, 0):4}")
        print(f"  {'total':18} {sum(per_intent.values()):4}")
        print("entity annotations:")
        for en, n in ent_counts.most_common():
            print(f"  {en:18} {n:4}")
        print("lookups: " + ", ".join(f"{k}={len(v)}" for k, v in sorted(lookups.items())))
        print(f"synonyms: {len(synonyms)}; regexes: {sum(len(v) for v in regexes.values())}")
    if dump:
        with open(dump, "w", encoding="utf-8") as fh:
            for intent, plain, ents, where in examples:
                fh.write(f"{intent}\t{plain}\n")
    print(f"{len(rep.errors)} errors, {len(rep.warnings)} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dump = None
    if "--dump-tsv" in sys.argv:
        dump = sys.argv[sys.argv.index("--dump-tsv") + 1]
        args = [a for a in args if a != dump]
    folder = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "Intents")
    sys.exit(check(folder, stats="--stats" in sys.argv, dump=dump, unannotated="--unannotated" in sys.argv))
