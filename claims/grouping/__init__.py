"""Measure suggestions: which claims without a measure answer which question.

- `vocabulary`: counted things and their synonyms, events, place cues (general news words);
- `profiles`: what a figure or a measure is about (thing, unit, event, names, dates, figures);
- `score`: a pairing's points and the reasons that rule it out, readable line by line;
- `service`: suggestions computed and stored, incrementally (`suggest_for_claims`);
- `decisions`: an editor's accept / edit / reject, through claims.curation;
- `quality`: pairwise precision and recall against a labelled set.
"""
