"""Step 2: prompts to dense features with scikit-learn: hashed word 1-2 and char_wb 3-5 gram
counts, sublinear TF-IDF, a seeded randomised TruncatedSVD, rows L2-normalised (method.md 4)."""

import ast

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize


def prompt_text(prompt):
    """RouterBench stores the prompt as the Python repr of a list of strings; other files hold plain text."""
    try:
        parsed = ast.literal_eval(prompt)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return prompt
    if isinstance(parsed, (list, tuple)):
        return "\n".join(str(part) for part in parsed)
    return str(parsed)


def ngram_counts(texts, hash_bits):
    """Word and character n-gram counts side by side, with the buckets no text uses dropped."""
    shared = {"n_features": 2 ** hash_bits, "alternate_sign": False, "norm": None, "dtype": np.float64}
    words = HashingVectorizer(analyzer="word", ngram_range=(1, 2), **shared)
    chars = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), **shared)
    counts = sp.hstack([words.transform(texts), chars.transform(texts)], format="csr")
    # Unused buckets change nothing in the SVD but would make its dense n_features x k blocks huge.
    used = np.flatnonzero(counts.getnnz(axis=0))
    return counts[:, used]


def featurize(texts, dimensions, seed, hash_bits):
    tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(ngram_counts(texts, hash_bits))
    svd = TruncatedSVD(n_components=dimensions, algorithm="randomized", n_iter=2, random_state=seed)
    return normalize(svd.fit_transform(tfidf)).astype(np.float32)
