"""Dating news: when an article was published, and when the thing a sentence reports happened.

Rule-based on purpose: the measured alternatives (HeidelTime, parsedatetime, dateparser;
see the project notes) were either unshippable or wrong on the idioms that matter here
("said on Tuesday" means the past, "Feb. 19" without a year means this year).

- :mod:`geo.dates.expressions`: find and parse date expressions,
- :mod:`geo.dates.arithmetic`: calendar arithmetic that never raises,
- :mod:`geo.dates.publication`: publication dates inferred across a feed,
- :mod:`geo.dates.sentence`: the date stage, one estimate per sentence.
"""
from geo.dates.expressions import DateMention, find_date_expressions
from geo.dates.publication import publication_dates
from geo.dates.sentence import date_sentences, event_date

__all__ = ["DateMention", "date_sentences", "event_date", "find_date_expressions", "publication_dates"]
