"""The search index's terms: what a text is cut into, and which of a query's grams are looked
up (pure: no database)."""

from __future__ import annotations

from signaling.store.grams import gram_tokens, grams, needed, normalize, spread, token


def test_a_text_is_cut_into_the_unigrams_and_bigrams_of_each_run() -> None:
    assert grams("画面が黒") == {"画", "面", "が", "黒", "画面", "面が", "が黒"}
    # Runs end at anything that is not a letter or digit: no bigram spans "R 0".
    assert grams("ＥＲＲ 0x") == {"e", "r", "er", "rr", "0", "x", "0x"}
    assert grams("!? …") == set()
    assert normalize("ＡＢｶ") == "abカ"


def test_only_the_bigrams_and_the_lone_unigrams_of_a_query_are_looked_up() -> None:
    assert needed(grams("画面")) == ["画面"]
    assert needed(grams("金")) == ["金"]
    assert needed(grams("画面が真っ黒")) == ["が真", "っ黒", "画面", "真っ", "面が"]
    # "a" is a run of its own: no bigram holds it, so it is needed as a unigram.
    assert needed(grams("画面 a")) == ["a", "画面"]
    # "a" is also in the bigram "ab": that one implies it.
    assert needed(grams("ab a")) == ["ab"]
    assert needed(set()) == []


def test_a_long_query_is_looked_up_by_an_even_spread_of_its_grams() -> None:
    terms = [f"g{i:02d}" for i in range(30)]
    chosen = spread(terms, 12)
    assert len(chosen) == 12 and len(set(chosen)) == 12
    assert chosen[0] == "g00" and chosen[-1] in terms[-3:]
    assert spread(terms[:5], 12) == terms[:5]


def test_an_sqlite_document_is_one_hex_token_per_gram() -> None:
    assert token("黒") == "g009ed2"
    assert gram_tokens("黒 a") == "g000061 g009ed2"
    assert gram_tokens(None) == ""
