"""Own the event-type classifier: a linear model over word and character n-grams and cues.

It follows scikit-learn's estimator conventions (the constructor stores parameters, `fit`
returns self, learned state ends in `_`) and gives probabilities. It is saved as a plain
NumPy `.npz` file of arrays and a JSON header, read back with `allow_pickle=False`, so loading
a model never runs code from the file.
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
import warnings
import zipfile
from collections.abc import Sequence
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from scipy.optimize import minimize_scalar
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC
from sklearn.utils.sparsefuncs_fast import inplace_csr_row_normalize_l2

from coder.cues import CueCounter, cue_patterns
from coder.errors import CoderError

MODEL_FORMAT = 2
READABLE_FORMATS = (1, 2)  # format 1: logistic regression, no cues, temperature 1
LABEL_SETS = ("cameo-root", "cameo-code", "penta", "acled-event-type", "acled-sub-event-type", "custom")
_WORD = r"(?u)\b\w[\w'-]*\b"
NB_SMOOTHING = 0.1  # the smoothing of the NB-SVMs that `coder train` fits (bench/README.md)
# label sets whose models are NB-SVMs: a few broad classes (the NB scaling lowered macro-F1 on
# ACLED's 23 sub-event types, and made the shipped CAMEO model override good rule codes)
NB_LABEL_SETS = ("penta", "acled-event-type")


# A capitalised word after a lower-case word, a comma or a semicolon: a name inside running
# text ("in Kharkiv", "attacked Hamas"), not a sentence's first word. `mask_names` reads each
# as one placeholder, so that a model learns the words of events rather than the places and
# people of its training texts.
# (The capital comes first, the look-behind after it: the regex engine then jumps from capital
# to capital instead of trying the look-behind at every character; the matches are the same.)
_NAME_IN_TEXT = re.compile(r"[A-Z](?<=[a-z,;] [A-Z])[a-z]+")
NAME_PLACEHOLDER = "Cap"

# The first sentence of a report usually states its event ("gunmen killed two soldiers");
# the sentences after it add the background, the aftermath and the other events the words of
# another type come from. `lead_words` adds the first sentence's words once more, each as a
# word of its own (LEAD_PREFIX + word), so that a model can weigh what the lead says apart from
# the rest: after a leading date clause ("On 3 May 2022,"), without names inside the text
# and the commonest function words. A sentence ends at ".", "!" or "?" after a lower-case
# letter, a digit, a closing bracket or a quote, before a space (not after the "U.S." of an
# initialism).
LEAD_PREFIX = "fs"
_SENTENCE_END = re.compile(r"[.!?](?<=[a-z0-9)\]'][.!?])\s")  # the stop first, as in _NAME_IN_TEXT
_DATE_CLAUSE = re.compile(r"^(?:On|Around|About|Between|Since|During|As of|Sometime)\b[^,.]*\d{4}(?: \([^)]*\))?,\s*")
_LEAD_WORD = re.compile(r"[a-z][a-z'-]*")
_LEAD_STOPWORDS = frozenset(
    "a an the of in on at by and or to from with his her their its one two three four five six seven".split()
)


def lead_words(text: str) -> str:
    """Return the words of a text's first sentence as lead tokens (see `LEAD_PREFIX`)."""
    first = _NAME_IN_TEXT.sub("", _DATE_CLAUSE.sub("", _SENTENCE_END.split(text, maxsplit=1)[0]))
    # a word without its apostrophes and hyphens ("dont", "rearmed"): taken out of the whole
    # sentence at once, which leaves the same words (they join no words a word did not hold)
    words = _LEAD_WORD.findall(first.lower().replace("'", "").replace("-", ""))
    return " ".join(LEAD_PREFIX + w for w in words if w not in _LEAD_STOPWORDS)


class EventClassifier(ClassifierMixin, BaseEstimator):
    """Predict an event type from text with TF-IDF n-grams, optional cue counts and a linear SVM.

    Probabilities are a softmax over the SVM's decision scores divided by a temperature that
    is fitted on cross-validated scores of the training data, so that a probability of 0.8
    means roughly what it says and the policy thresholds in `coder.combination` still apply.
    With `estimator="logreg"`, a logistic regression and its own probabilities: less sure of
    itself on text unlike its training data (the shipped CAMEO model is one).

    With `nb`, the model is a one-against-rest "NB-SVM" (Wang and Manning, 2012): each
    class's binary model sees the features scaled by their naive Bayes log-count ratio for
    that class, smoothed by `nb`; the scaling is folded into the weights, so predicting is
    unchanged. With `parents` (a label -> parent map, as ACLED's sub-event types to event
    types), a second linear model over the same features decides the parent; `parent_nb`
    makes that head an NB-SVM. With `mask_names`, capitalised words inside running text are
    read as one placeholder word (ACLED models: names of places and people vary between the
    notes a model learns from and those it codes). With `lead_words`, the words of the first
    sentence are read once more as words of their own (ACLED models: a note's first sentence
    usually states its event).
    """

    def __init__(
        self,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = None,
        C: float = 1.0,
        min_df: int = 1,
        max_features: int | None = 300_000,
        class_weight: str | None = "balanced",
        cues: str | None = None,
        cue_weight: float = 1.0,
        estimator: str = "svm",
        parents: dict[str, str] | None = None,
        parent_nb: float | None = None,
        nb: float | None = None,
        mask_names: bool = False,
        lead_words: bool = False,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.C = C
        self.min_df = min_df
        self.max_features = max_features
        self.class_weight = class_weight
        self.cues = cues
        self.cue_weight = cue_weight
        self.estimator = estimator
        self.parents = parents
        self.parent_nb = parent_nb
        self.nb = nb
        self.mask_names = mask_names
        self.lead_words = lead_words

    # -- fitting --------------------------------------------------------------------------
    def _vectorizers(self) -> list[TfidfVectorizer]:
        out = [
            TfidfVectorizer(
                ngram_range=tuple(self.word_ngrams),
                token_pattern=_WORD,
                sublinear_tf=True,
                min_df=self.min_df,
                max_features=self.max_features,
                dtype=np.float32,
            )
        ]
        if self.char_ngrams:
            out.append(
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=tuple(self.char_ngrams),
                    sublinear_tf=True,
                    min_df=max(self.min_df, 2),
                    max_features=self.max_features,
                    dtype=np.float32,
                )
            )
        return out

    def _svm(self) -> LinearSVC | LogisticRegression:
        if self.estimator == "logreg":
            return LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000)
        if self.estimator != "svm":
            raise ValueError(f"estimator {self.estimator!r}: use svm or logreg")
        return LinearSVC(C=self.C, class_weight=self.class_weight)

    def fit(self, X: Sequence[str], y: Sequence[str]) -> EventClassifier:
        """Learn vocabularies, IDF weights, the linear model and its probability temperature."""
        X = list(X)
        plain = self._prepared(X)
        texts = self._with_lead(plain, X)
        labels = np.asarray([str(label) for label in y])
        vectorizers = self._vectorizers()
        blocks = [v.fit_transform(texts) for v in vectorizers]
        self.cue_patterns_ = cue_patterns(self.cues) if self.cues else {}
        if self.cue_patterns_:
            blocks.append(CueCounter(self.cue_patterns_).transform(plain) * self.cue_weight)
        features = sp.hstack(blocks).tocsr()
        self.vocabularies_ = [list(v.get_feature_names_out()) for v in vectorizers]
        self.idf_ = [v.idf_.astype(np.float32) for v in vectorizers]
        self.classes_, self.coef_, self.intercept_ = self._linear(features, labels, self.nb)
        # logistic regression's own probabilities are its softmax at temperature 1
        self.temperature_ = (
            self._fit_temperature(features, labels, self.classes_, self.nb) if self.estimator == "svm" else 1.0
        )
        if self.parents:
            # a second linear model over the same features for the labels' parents (ACLED event
            # types over sub-event types): it decides the parent, the first the label within it
            upper = np.asarray([self.parents.get(label, label) for label in labels])
            self.parent_classes_, self.parent_coef_, self.parent_intercept_ = self._linear(
                features, upper, self.parent_nb
            )
            self.parent_temperature_ = (
                self._fit_temperature(features, upper, self.parent_classes_, self.parent_nb)
                if self.estimator == "svm"
                else 1.0
            )
        self._build()
        return self

    def _linear(
        self, features: sp.csr_matrix, labels: np.ndarray, nb: float | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Fit the linear model; return its classes, weights (a row per class) and intercepts.
        With `nb`, fit it one class against the rest on naive-Bayes-scaled features."""
        if nb is None:
            model = self._svm().fit(features, labels)
            return (model.classes_, *_two_rows(model.coef_, model.intercept_))
        classes = np.unique(labels)
        coef = np.zeros((len(classes), features.shape[1]), dtype=np.float32)
        intercept = np.zeros(len(classes), dtype=np.float32)
        for k, label in enumerate(classes):
            ratio = nb_ratio(features, labels == label, nb)
            binary = self._svm().fit(features @ sp.diags(ratio), labels == label)
            coef[k] = ratio * binary.coef_[0]
            intercept[k] = binary.intercept_[0]
        return classes, coef, intercept

    def _fit_temperature(
        self, features: sp.csr_matrix, labels: np.ndarray, classes: np.ndarray, nb: float | None = None
    ) -> float:
        """Fit the softmax temperature that best predicts held-out labels (1.0 if too few)."""
        folds = stratified_folds(labels, 3)
        if not folds:
            return 1.0
        scores = np.zeros((len(labels), len(classes)), dtype=np.float64)
        for train, test in folds:
            fold_classes, coef, intercept = self._linear(features[train], labels[train], nb)
            fold = np.asarray(features[test] @ coef.T) + intercept
            # a class missing from this fold's training part scores as low as any class did
            scores[test] = fold.min()
            scores[np.ix_(test, np.searchsorted(classes, fold_classes))] = fold
        truth = np.searchsorted(classes, labels)

        def loss(log_t: float) -> float:
            scaled = scores / np.exp(log_t)
            scaled -= scaled.max(axis=1, keepdims=True)
            log_norm = np.log(np.exp(scaled).sum(axis=1))
            return float(np.mean(log_norm - scaled[np.arange(len(truth)), truth]))

        return float(np.exp(minimize_scalar(loss, bounds=(-5.0, 3.0), method="bounded").x))

    def _build(self) -> None:
        """Make the counting vectorizers from the learned vocabularies (no fitting needed)."""
        low, high = self.word_ngrams
        counters: list[WordCounter | CharCounter] = [WordCounter(self.vocabularies_[0], (low, high))]
        if self.char_ngrams and len(self.vocabularies_) > 1:
            low, high = self.char_ngrams
            counters.append(CharCounter(self.vocabularies_[1], (low, high)))
        self._counters = counters
        self._cue_counter = CueCounter(self.cue_patterns_) if self.cue_patterns_ else None
        self._coef_t = np.ascontiguousarray(self.coef_.T)
        self._parent_coef_t = np.ascontiguousarray(self.parent_coef_.T) if self.has_parent_head else None

    @property
    def has_parent_head(self) -> bool:
        """Say whether the model also decides its labels' parents (`parents` when fitted)."""
        return getattr(self, "parent_coef_", None) is not None

    # -- predicting ------------------------------------------------------------------------
    def _prepared(self, texts: Sequence[str]) -> list[str]:
        """The texts as the model reads them: with `mask_names`, each capitalised word inside
        running text stands for one placeholder word."""
        if not self.mask_names:
            return list(texts)
        return [_NAME_IN_TEXT.sub(NAME_PLACEHOLDER, text) for text in texts]

    def _with_lead(self, prepared: list[str], texts: Sequence[str]) -> list[str]:
        """The prepared texts as the n-grams read them: with `lead_words`, the prefixed words
        of each original text's first sentence follow it (the cues count the text alone)."""
        if not self.lead_words:
            return prepared
        return [f"{p} {lead_words(t)}" for p, t in zip(prepared, texts, strict=True)]

    def _features(self, texts: Sequence[str]) -> sp.csr_matrix:
        plain = self._prepared(texts)
        texts = self._with_lead(plain, texts)
        blocks = []
        for counter, idf in zip(self._counters, self.idf_, strict=True):
            counts = counter.transform(texts)
            # sublinear tf times idf, as in training, then each row to unit length in place:
            # `normalize` would check and copy the matrix, which is new and finite, first
            weighted = np.log1p(counts.data) * idf[counts.indices]
            tfidf = sp.csr_matrix((weighted, counts.indices, counts.indptr), shape=counts.shape)
            inplace_csr_row_normalize_l2(tfidf)
            blocks.append(tfidf)
        if self._cue_counter is not None:
            blocks.append(self._cue_counter.transform(plain) * self.cue_weight)
        return sp.hstack(blocks).tocsr()

    def decision_function(self, X: Sequence[str]) -> np.ndarray:
        """Return the linear scores, one column per class in `classes_`."""
        return np.asarray(self._features(list(X)) @ self._coef_t) + self.intercept_

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """Return calibrated class probabilities: a softmax over scores / temperature."""
        scores = self.decision_function(X) / self.temperature_
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def predict(self, X: Sequence[str]) -> np.ndarray:
        """Return the best-scoring class of each text."""
        return self.classes_[np.argmax(self.decision_function(X), axis=1)]

    def predict_both_proba(self, X: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return the probabilities of the labels (`classes_`) and of their parents
        (`parent_classes_`), from one pass over the texts; a model without a parent head
        gives an empty second array."""
        features = self._features(list(X))
        labels = _softmax((np.asarray(features @ self._coef_t) + self.intercept_) / self.temperature_)
        if self._parent_coef_t is None:
            return labels, np.zeros((len(labels), 0))
        upper = (np.asarray(features @ self._parent_coef_t) + self.parent_intercept_) / self.parent_temperature_
        return labels, _softmax(upper)


def within_parents(model: Any, fine: np.ndarray, upper: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """From `predict_both_proba`'s two arrays, return each text's label (the likeliest one of
    the parent the head is surest of) and that parent's probability."""
    top = upper.argmax(axis=1)
    kinds = np.asarray([(model.parents or {}).get(c, c) for c in model.classes_])
    allowed = kinds[None, :] == np.asarray(model.parent_classes_)[top][:, None]
    masked = np.where(allowed, fine, -1.0)
    best = np.where(allowed.any(axis=1), masked.argmax(axis=1), fine.argmax(axis=1))
    return np.asarray(model.classes_)[best], upper[np.arange(len(top)), top]


def nb_ratio(features: sp.csr_matrix, positive: np.ndarray, alpha: float) -> np.ndarray:
    """Return each feature's naive Bayes log-count ratio for the `positive` rows against the
    rest, with additive smoothing `alpha` (features are non-negative: TF-IDF and cue counts)."""
    inside = alpha + np.asarray(features[positive].sum(axis=0), dtype=np.float64).ravel()
    outside = alpha + np.asarray(features[~positive].sum(axis=0), dtype=np.float64).ravel()
    return np.log((inside / inside.sum()) / (outside / outside.sum())).astype(np.float32)


def _softmax(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    np.exp(scores, out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    return scores


class CharCounter:
    """Count character n-grams inside words, as `CountVectorizer(analyzer="char_wb")` does.

    A word's n-grams depend on the word alone, so each distinct word is analysed once and its
    vocabulary indices are remembered: news repeats its words, and counting a note becomes a
    dictionary look-up per word instead of a slice per n-gram (about ten times faster). The
    words new to a call are analysed together in NumPy, each n-gram as an integer code looked
    up in the vocabulary's sorted codes. The texts' word counts times the words' n-gram counts,
    one sparse product, give the texts' n-gram counts: the same, in the same order, as
    scikit-learn's, which the model was trained with.
    """

    CACHE_WORDS = 200_000  # forget the remembered words past this many (memory stays bounded)

    def __init__(self, vocabulary: Sequence[str], ngram_range: tuple[int, int]) -> None:
        self.vocabulary = {gram: i for i, gram in enumerate(vocabulary)}
        self.ngram_range = ngram_range
        self._words: dict[str, np.ndarray] = {}
        self._codes = _GramCodes.of(list(vocabulary), ngram_range[1])

    def _analyse(self, word: str) -> tuple[int, ...]:
        """Return the vocabulary indices of one lower-cased word's n-grams (as scikit-learn's
        `_char_wb_ngrams` makes them: a word no longer than n counts once, as itself)."""
        padded = f" {word} "
        size = len(padded)
        get = self.vocabulary.get
        out: list[int] = []
        low, high = self.ngram_range
        for n in range(low, high + 1):
            if size <= n:
                if (index := get(padded)) is not None:
                    out.append(index)
                break
            out += [index for i in range(size - n + 1) if (index := get(padded[i : i + n])) is not None]
        return tuple(out)

    def _learn(self, fresh: list[str]) -> None:
        """Analyse words not seen before and remember their n-grams' vocabulary indices."""
        low = self.ngram_range[0]
        if self._codes is not None:
            # a word shorter than the shortest n-gram counts as itself: rare, done one by one
            together = [w for w in fresh if len(w) + 2 >= low]
            for word, found in zip(together, self._codes.analyse(together, self.ngram_range), strict=True):
                self._words[word] = found
        for word in fresh:
            if word not in self._words:
                self._words[word] = np.asarray(self._analyse(word), dtype=np.int32)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return a sparse matrix of n-gram counts, one row per text."""
        words = self._words
        if len(words) > self.CACHE_WORDS:
            words.clear()
        # texts x distinct words, times distinct words x n-grams: the n-grams of a word that
        # recurs are added up once in C, not listed again in Python for each of its uses
        # (each distinct word's column in the order words first occur: numbered once each, and
        # the words' columns read by one `map`, not in a Python loop per word)
        split = [text.lower().split() for text in texts]
        columns = {word: n for n, word in enumerate(dict.fromkeys(chain.from_iterable(split)))}
        tokens = list(map(columns.__getitem__, chain.from_iterable(split)))
        indptr = np.cumsum([0, *map(len, split)])
        fresh = [word for word in columns if word not in words]
        if fresh:
            self._learn(fresh)
        grams = [words[word] for word in columns]
        ends = np.cumsum([0, *map(len, grams)])
        analysed = sp.csr_matrix(
            (
                np.ones(ends[-1], dtype=np.float32),
                np.concatenate(grams) if grams else np.zeros(0, dtype=np.int32),
                ends,
            ),
            shape=(len(grams), len(self.vocabulary)),
        )
        counts = (_counts(tokens, indptr, len(columns)) @ analysed).tocsr()
        # scikit-learn's order: a model's scores add the entries up in it. Converting to CSC and
        # back orders the columns of every row in two linear passes, five times faster than
        # sorting each row (`sort_indices`); the entries are the same, only reordered
        return counts.tocsc().tocsr()


class _GramCodes:
    """A vocabulary's character n-grams as integers, `bits` per character, sorted for look-up."""

    def __init__(self, chars: np.ndarray, bits: int, codes: np.ndarray, indices: np.ndarray) -> None:
        self.chars = chars  # code point -> character number (1 ...), 0 for characters no n-gram has
        self.bits = bits
        self.codes = codes
        self.indices = indices  # the vocabulary index of each code

    @classmethod
    def of(cls, vocabulary: list[str], high: int) -> _GramCodes | None:
        """Return the codes of a vocabulary, or None when its n-grams do not fit in 63 bits."""
        joined = "".join(vocabulary)
        alphabet = sorted(set(joined))
        bits = len(alphabet).bit_length()
        sizes = np.fromiter(map(len, vocabulary), dtype=np.int64, count=len(vocabulary))
        if not vocabulary or bits * max(high, int(sizes.max())) > 63:
            return None
        chars = np.zeros(ord(alphabet[-1]) + 1, dtype=np.int64)
        chars[[ord(ch) for ch in alphabet]] = np.arange(1, len(alphabet) + 1)
        numbers = chars[_code_points(joined)]
        starts = np.cumsum(sizes) - sizes
        place = np.arange(len(numbers)) - np.repeat(starts, sizes)  # each character's place in its n-gram
        codes = np.add.reduceat(numbers << (bits * place), starts)
        order = np.argsort(codes)
        return cls(chars, bits, codes[order], order.astype(np.int32))

    def analyse(self, words: list[str], ngram_range: tuple[int, int]) -> list[np.ndarray]:
        """Return each word's n-grams' vocabulary indices (each word padded with a space, as
        scikit-learn's `char_wb` pads it; its n-grams end inside it, none spans two words)."""
        if not words:
            return []
        low, high = ngram_range
        points = _code_points("".join(f" {w} " for w in words))
        known = points < len(self.chars)
        numbers = np.where(known, self.chars[np.where(known, points, 0)], 0)
        sizes = np.fromiter((len(w) + 2 for w in words), dtype=np.int64, count=len(words))
        word_of = np.repeat(np.arange(len(words)), sizes)  # the word each character is in
        room = np.repeat(np.cumsum(sizes), sizes) - np.arange(len(numbers))  # characters from it to its word's end
        code = np.zeros(len(numbers), dtype=np.int64)
        valid = np.ones(len(numbers), dtype=bool)
        found_words, found_indices = [], []
        for k in range(high):  # the n-grams of n = k + 1 characters starting at each character
            following = numbers[np.minimum(np.arange(len(numbers)) + k, len(numbers) - 1)]
            valid &= (room > k) & (following > 0)
            code |= following << (self.bits * k)
            if k + 1 >= low:
                starts = np.flatnonzero(valid)
                at = np.minimum(np.searchsorted(self.codes, code[starts]), len(self.codes) - 1)
                hit = self.codes[at] == code[starts]
                found_words.append(word_of[starts[hit]])
                found_indices.append(self.indices[at[hit]])
        owner = np.concatenate(found_words)
        order = np.argsort(owner, kind="stable")
        ends = np.cumsum(np.bincount(owner, minlength=len(words))).tolist()
        found = np.concatenate(found_indices)[order]
        # slices, as np.split makes them without its checks per piece (which cost more here)
        return [found[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def _code_points(text: str) -> np.ndarray:
    """Return a text's characters as code points (lone surrogates too)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


class WordCounter:
    """Count word n-grams, as `CountVectorizer(token_pattern=_WORD, ngram_range=...)` does
    (lower-cased tokens; n-grams of n tokens joined by a space), without its per-call checks.

    Each word of the vocabulary's n-grams has a number (1 ...), and each n-gram is a code of
    its words' numbers: a text's words are numbered by one look-up each, and all its n-grams
    are coded and looked up in the vocabulary's sorted codes together in NumPy, not joined
    into strings and looked up one by one (three times faster). The counts are the same.
    """

    def __init__(self, vocabulary: Sequence[str], ngram_range: tuple[int, int]) -> None:
        self.vocabulary = {gram: i for i, gram in enumerate(vocabulary)}
        self.ngram_range = ngram_range
        self._tokens = re.compile(_WORD)
        grams = [gram.split(" ") for gram in vocabulary]
        self._numbers = {word: n for n, word in enumerate(dict.fromkeys(w for g in grams for w in g), 1)}
        self._base = len(self._numbers) + 1  # 0 stands for a word no n-gram has
        self._codes: np.ndarray | None = None
        if grams and self._base ** max(ngram_range[1], *map(len, grams)) < 2**63:
            # a word's own index is read from its number; longer n-grams are found by their codes
            self._unigrams = np.full(self._base, -1, dtype=np.int32)
            longer = []
            for index, g in enumerate(grams):
                if len(g) == 1:
                    self._unigrams[self._numbers[g[0]]] = index
                else:
                    longer.append((sum(self._numbers[w] * self._base**k for k, w in enumerate(g)), index))
            codes = np.array([code for code, _ in longer], dtype=np.int64)
            # the words that start a longer n-gram: n-grams starting with another are not looked up
            self._heads = np.zeros(self._base, dtype=bool)
            self._heads[[self._numbers[g[0]] for g in grams if len(g) > 1]] = True
            order = np.argsort(codes)
            self._codes = codes[order]
            self._indices = np.array([index for _, index in longer], dtype=np.int32)[order]

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return a sparse matrix of n-gram counts, one row per text."""
        if self._codes is None:  # codes would not fit in 63 bits: one n-gram at a time
            return self._transform_strings(texts)
        low, high = self.ngram_range
        words = [self._tokens.findall(text.lower()) for text in texts]
        sizes = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        total = int(sizes.sum())
        numbers = np.fromiter(
            map(self._numbers.get, chain.from_iterable(words), repeat(0)), dtype=np.int64, count=total
        )
        row_of = np.repeat(np.arange(len(words)), sizes)  # the text each word is in
        room = np.repeat(np.cumsum(sizes), sizes) - np.arange(total)  # words from it to its text's end
        code = np.zeros(total, dtype=np.int64)
        valid = np.ones(total, dtype=bool)
        rows, columns = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int32)]
        for k in range(high):  # the n-grams of n = k + 1 words starting at each word
            following = numbers[np.minimum(np.arange(total) + k, total - 1)]
            valid &= (room > k) & (following > 0) if k else self._heads[numbers]
            code += following * self._base**k
            if k == 0 and low == 1:
                found = self._unigrams[numbers]
                hit = found >= 0
                rows.append(row_of[hit])
                columns.append(found[hit])
            elif k + 1 >= low and len(self._codes):
                starts = np.flatnonzero(valid)
                at = np.minimum(np.searchsorted(self._codes, code[starts]), len(self._codes) - 1)
                hit = self._codes[at] == code[starts]
                rows.append(row_of[starts[hit]])
                columns.append(self._indices[at[hit]])
        row = np.concatenate(rows)
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=len(words)))])
        # each row's entries together; `_counts` then orders and adds them up as it does any
        return _counts(np.concatenate(columns)[np.argsort(row, kind="stable")], indptr, len(self.vocabulary))

    def _transform_strings(self, texts: Sequence[str]) -> sp.csr_matrix:
        get = self.vocabulary.get
        low, high = self.ngram_range
        indices: list[int] = []
        indptr = [0]
        for text in texts:
            tokens = self._tokens.findall(text.lower())
            for n in range(low, min(high, len(tokens)) + 1):
                # the n-grams as the tokens zipped with themselves shifted (the shorter lists end
                # them), looked up by map: no slice and no walrus per n-gram
                grams = tokens if n == 1 else map(" ".join, zip(*(tokens[i:] for i in range(n)), strict=False))
                indices += [index for index in map(get, grams) if index is not None]
            indptr.append(len(indices))
        return _counts(indices, indptr, len(self.vocabulary))


def _counts(indices: list[int] | np.ndarray, indptr: list[int] | np.ndarray, width: int) -> sp.csr_matrix:
    """Return the count matrix whose row r holds one count per entry of indices[indptr[r]:indptr[r + 1]]."""
    counts = sp.csr_matrix(
        (np.ones(len(indices), dtype=np.float32), np.asarray(indices, dtype=np.int32), np.asarray(indptr)),
        shape=(len(indptr) - 1, width),
    )
    counts.sum_duplicates()
    return counts


def stratified_folds(labels: Sequence[str] | np.ndarray, folds: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Return up to `folds` stratified folds ([] if too few texts to hold any out).

    Classes with fewer examples than folds share one stratum, so that one example of a rare
    class neither stops cross-validation nor leaves the others unstratified.
    """
    names, counts = np.unique(np.asarray(labels), return_counts=True)
    folds = min(folds, int(counts.max()))
    if folds < 2 or int((counts >= folds).sum()) < 2:  # every training part needs two classes
        return []
    strata = np.where(np.isin(labels, names[counts < folds]), "", np.asarray(labels))
    with warnings.catch_warnings():  # the shared stratum of rare classes may be smaller than folds
        warnings.simplefilter("ignore", UserWarning)
        return list(StratifiedKFold(folds, shuffle=True, random_state=0).split(strata, strata))


def _two_rows(coef: np.ndarray, intercept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return float32 weights with one row per class (a binary model keeps one; make it two)."""
    coef = np.asarray(coef, dtype=np.float32)
    intercept = np.asarray(intercept, dtype=np.float32)
    if coef.shape[0] == 1:
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2], dtype=np.float32)
    return coef, intercept


# -- persistence ------------------------------------------------------------------------------


def data_hash(texts: Sequence[str], labels: Sequence[str]) -> str:
    """Return a short hash of training data, for the model's metadata."""
    digest = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:16]


def save_model(model: EventClassifier, path: Path, metadata: dict[str, Any]) -> None:
    """Write a fitted classifier and its metadata to a `.npz` file of plain arrays."""
    header = {
        "format": MODEL_FORMAT,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in model.get_params().items()},
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": np.__version__},
        **metadata,
    }
    arrays: dict[str, np.ndarray] = {
        "header": np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8),
        "classes": np.asarray(model.classes_, dtype=str),
        "coef": model.coef_,
        "intercept": model.intercept_,
        "temperature": np.asarray([model.temperature_], dtype=np.float64),
        "cue_names": np.asarray(list(model.cue_patterns_), dtype=str),
        "cue_patterns": np.asarray(list(model.cue_patterns_.values()), dtype=str),
    }
    for i, (vocab, idf) in enumerate(zip(model.vocabularies_, model.idf_, strict=True)):
        arrays[f"vocab{i}"] = np.asarray(vocab, dtype=str)
        arrays[f"idf{i}"] = idf
    if model.has_parent_head:
        arrays["parent_classes"] = np.asarray(model.parent_classes_, dtype=str)
        arrays["parent_coef"] = model.parent_coef_
        arrays["parent_intercept"] = model.parent_intercept_
        arrays["parent_temperature"] = np.asarray([model.parent_temperature_], dtype=np.float64)
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **arrays)


def load_model(path: Path) -> tuple[EventClassifier, dict[str, Any]]:
    """Read a model saved by `save_model`; a foreign or incompatible file is a clear error."""
    if path.is_file() and not zipfile.is_zipfile(path):  # else numpy suggests unpickling it
        raise CoderError(f"{path}: not a coder model (not an .npz archive); train one with `coder train`")
    try:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(bytes(data["header"]).decode("utf-8"))
            if header.get("format") not in READABLE_FORMATS:
                raise CoderError(
                    f"{path}: model format {header.get('format')!r}, but this coder reads formats "
                    f"{', '.join(map(str, READABLE_FORMATS))}: retrain it with `coder train`"
                )
            model = _read_arrays(data, header["params"])
    except FileNotFoundError:
        raise CoderError(f"{path}: model file not found") from None
    except CoderError:
        raise
    except (OSError, EOFError, ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise CoderError(
            f"{path}: not a coder model ({exc.__class__.__name__}: {exc}); train one with `coder train`"
        ) from None
    width = sum(len(v) for v in model.vocabularies_) + len(model.cue_patterns_)
    if model.coef_.shape != (len(model.classes_), width) or not model.temperature_ > 0:
        raise CoderError(f"{path}: model arrays do not fit together; the file is damaged: retrain it")
    if model.has_parent_head and (
        model.parent_coef_.shape != (len(model.parent_classes_), width) or not model.parent_temperature_ > 0
    ):
        raise CoderError(f"{path}: the parent-label arrays do not fit the model; the file is damaged: retrain it")
    try:
        model._build()
    except re.error as exc:
        raise CoderError(f"{path}: a cue pattern does not compile ({exc}); the file is damaged: retrain it") from None
    return model, header


def _read_arrays(data: Any, params: dict[str, Any]) -> EventClassifier:
    """Rebuild a fitted classifier from the arrays of an open `.npz` file."""
    for key in ("word_ngrams", "char_ngrams"):
        if params.get(key) is not None:
            params[key] = tuple(params[key])
    known = EventClassifier().get_params()
    model = EventClassifier(**{k: v for k, v in params.items() if k in known})
    count = sum(1 for name in data.files if name.startswith("vocab"))
    model.vocabularies_ = [list(data[f"vocab{i}"]) for i in range(count)]
    model.idf_ = [data[f"idf{i}"] for i in range(count)]
    model.classes_ = data["classes"]
    model.coef_ = data["coef"]
    model.intercept_ = data["intercept"]
    model.temperature_ = float(data["temperature"][0]) if "temperature" in data.files else 1.0
    names = [str(n) for n in data["cue_names"]] if "cue_names" in data.files else []
    patterns = [str(p) for p in data["cue_patterns"]] if "cue_patterns" in data.files else []
    if len(names) != len(patterns):
        raise ValueError("cue names and patterns differ in length")
    model.cue_patterns_ = dict(zip(names, patterns, strict=True))
    if "parent_coef" in data.files:
        model.parent_classes_ = data["parent_classes"]
        model.parent_coef_ = data["parent_coef"]
        model.parent_intercept_ = data["parent_intercept"]
        model.parent_temperature_ = float(data["parent_temperature"][0])
    return model
