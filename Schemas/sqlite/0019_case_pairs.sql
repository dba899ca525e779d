-- Two-character searches (a name such as 张伟, a word such as 借款): the trigram index of case_search cannot answer
-- them, and the LIKE scan that did read every row (about 95 ms at 100,000 cases). This table holds every pair of
-- adjacent letters or digits of a case's title, cause, claims and party names, each pair one token, so such a
-- search is one token lookup. Its rowid is cases.id, as in case_search. Rebuildable; rows of cases indexed before
-- this migration are made from case_search when it runs (`CasePairs.fill`). No positions are kept: a query is
-- always one token.
CREATE VIRTUAL TABLE case_pairs USING fts5(pairs, tokenize = 'unicode61', detail = none, columnsize = 0);
