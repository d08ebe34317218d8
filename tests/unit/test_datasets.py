"""Seeded datasets and CSV upload: reproducible shapes, and bad files refused with a catalogue message."""

import math
import tomllib
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import datasets
from core.i18n import CATALOGUE


@pytest.mark.parametrize("name", list(datasets.DATASETS))
def test_datasets_are_reproducible_balanced_and_labelled_plus_minus_one(name):
    X, y = datasets.make(name, 101, 0.2, 4)
    X2, y2 = datasets.make(name, 101, 0.2, 4)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    assert X.shape == (101, 2) and set(y) == {-1.0, 1.0} and abs(y.sum()) <= 1
    assert not np.array_equal(X, datasets.make(name, 101, 0.2, 5)[0])


def test_noise_free_shapes_are_what_the_chapter_describes():
    X, y = datasets.make("clusters", 400, 0.0, 0)
    assert np.all(np.sign(X.sum(1)) == y)  # the line x1 + x2 = 0 separates the clean clusters
    X, y = datasets.make("ring", 400, 0.0, 0)
    r = np.hypot(*X.T)
    assert r[y < 0].max() <= 0.8 < 1.8 <= r[y > 0].min()  # a circle of radius 1.3 separates them
    assert datasets.make("moons", 10, 0.5, 0)[0].std() > datasets.make("moons", 10, 0.0, 0)[0].std() * 0.5


def test_csv_with_header_and_zero_one_labels():
    X, y = datasets.load_csv(b"x1,x2,label\n0.5,1,1\n-2,3e-1,0\n\n1,1,-1\n")
    np.testing.assert_array_equal(X, [[0.5, 1.0], [-2.0, 0.3], [1.0, 1.0]])
    np.testing.assert_array_equal(y, [1.0, -1.0, -1.0])


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"1,2,1\n3,oops,0\n", "csv_bad_row"),
        (b"1,2,1\n3,4\n", "csv_bad_row"),
        (b"1,2,1\n3,4,2\n", "csv_bad_row"),
        (b"1,2,1\nnan,4,0\n", "csv_bad_row"),
        (b"1,2,1\ninf,4,0\n", "csv_bad_row"),
        (b"1,2,1\n3,4,1\n", "csv_one_class"),
        (b"", "csv_empty"),
        (b"x1,x2,label\n", "csv_empty"),
        (b'{"x1": [1, 2], "x2": [3, 4], "label": [1, 0]}', "csv_empty"),
        (b"\xff\xfe\x00garbage", "csv_not_text"),
        (b"1,2,1\n" * 2001, "csv_too_many"),
        (b"0" * (datasets.MAX_UPLOAD_BYTES + 1), "csv_too_big"),
        (b"1,2,1\n__import__('os').system('ls'),1,0\n", "csv_bad_row"),
        (b'1,2,1\n3,"' + b"4" * 150_000 + b"\n5,6,0\n", "csv_unreadable"),
        (b"1,2,1\n3,1000001,0\n", "csv_out_of_range"),
        (b"1,2,1\n-1e7,4,0\n", "csv_out_of_range"),
    ],
)
def test_bad_files_are_refused_with_a_catalogue_message(data, key):
    with pytest.raises(datasets.DatasetError) as err:
        datasets.load_csv(data)
    assert err.value.key == "decision_boundaries." + key
    en, zh = CATALOGUE[err.value.key]
    assert en.format(**err.value.values) and zh.format(**err.value.values)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"x1,x2,label\n1,2,1\n1,2,1\n1,x,0\n", 4),  # the file's own line numbers, header included
        (b"x1,x2,label\n1,x,0\n", 2),
        (b"1,2,1\n\n\n1,x,0\n", 4),  # blank lines count
        (b'1,2,1\n"1\n",3,0\n1,x,0\n', 4),  # a quoted field over two lines
        (b'x1,x2,label\n1,2,1\n3,"' + b"4" * 150_000 + b"\n", 3),  # where the unclosed quote starts
    ],
)
def test_bad_row_message_names_the_files_own_line(data, line):
    with pytest.raises(datasets.DatasetError) as err:
        datasets.load_csv(data)
    assert err.value.values["line"] == line


def test_out_of_range_message_states_the_limit():
    with pytest.raises(datasets.DatasetError) as err:
        datasets.load_csv(b"x1,x2,label\n1,2,1\n2e6,0,0\n")
    assert (
        CATALOGUE[err.value.key][0]
        .format(**err.value.values)
        .startswith("Line 3 has a coordinate beyond ±1,000,000")
    )


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-1e5, 1e5), st.floats(-1e5, 1e5), st.sampled_from([1, -1])),
        min_size=2,
        max_size=50,
    ).filter(lambda rows: len({r[2] for r in rows}) == 2)
)
def test_csv_round_trip(rows):
    text = "x1,x2,label\n" + "".join(f"{a!r},{b!r},{c}\n" for a, b, c in rows)
    X, y = datasets.load_csv(text.encode())
    np.testing.assert_array_equal(X, [r[:2] for r in rows])
    np.testing.assert_array_equal(y, [r[2] for r in rows])


def test_added_points_and_limits():
    X, y = datasets.add_point(*datasets.empty(), (1.0, 2.0), -1.0)
    assert X.tolist() == [[1.0, 2.0]] and y.tolist() == [-1.0]
    full = np.zeros((datasets.MAX_POINTS, 2)), np.ones(datasets.MAX_POINTS)
    with pytest.raises(datasets.DatasetError):
        datasets.add_point(*full, (0.0, 0.0), 1.0)


def test_combine_prefers_the_upload_then_appends_clicked_points():
    generated, upload = datasets.make("ring", 10, 0.1, 0), ("f.csv", np.ones((3, 2)), np.array([1.0, -1, 1]))
    extra = (np.array([[5.0, 5.0]]), np.array([-1.0]))
    X, y = datasets.combine(generated, upload, extra)
    assert X.shape == (4, 2) and y.tolist() == [1.0, -1.0, 1.0, -1.0]
    X, y = datasets.combine(generated)
    np.testing.assert_array_equal(X, generated[0])
    assert datasets.fingerprint(*generated) == datasets.fingerprint(*datasets.make("ring", 10, 0.1, 0))
    assert datasets.fingerprint(*generated) != datasets.fingerprint(*datasets.make("ring", 10, 0.1, 1))


def test_the_server_refuses_uploads_the_page_would_refuse():
    """server.maxUploadSize (in MiB) is the smallest that admits MAX_UPLOAD_BYTES, not Streamlit's 200 MB."""
    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == math.ceil(datasets.MAX_UPLOAD_BYTES / 2**20) == 1
