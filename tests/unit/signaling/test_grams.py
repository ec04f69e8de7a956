"""The search index's terms: what a text is cut into (pure: no database)."""

from __future__ import annotations

from signaling.store.grams import gram_tokens, grams, normalize, token


def test_a_text_is_cut_into_the_unigrams_and_bigrams_of_each_run() -> None:
    assert grams("画面が黒") == {"画", "面", "が", "黒", "画面", "面が", "が黒"}
    # Runs end at anything that is not a letter or digit: no bigram spans "R 0".
    assert grams("ＥＲＲ 0x") == {"e", "r", "er", "rr", "0", "x", "0x"}
    assert grams("!? …") == set()
    assert normalize("ＡＢｶ") == "abカ"


def test_an_sqlite_document_is_one_hex_token_per_gram() -> None:
    assert token("黒") == "g009ed2"
    assert gram_tokens("黒 a") == "g000061 g009ed2"
    assert gram_tokens(None) == ""
