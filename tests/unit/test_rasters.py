"""Rasterisation (section 3.1.1): row-major order checked against torch.flatten, and 224 x 224 -> 50,176."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from core import rasters


def test_the_books_image_size():
    assert rasters.vector_length(224, 224) == 50_176
    assert rasters.vector_length(224, 224, 3) == 150_528


@pytest.mark.parametrize("name", list(rasters.PICTURES))
def test_pictures_are_8_by_8_and_flatten_like_torch(name):
    image = rasters.picture(name)
    assert image.shape == (8, 8) and set(np.unique(image)) <= {0, 1} and image.sum() > 0
    np.testing.assert_array_equal(rasters.raster(image), torch.flatten(torch.as_tensor(image)).numpy())


@given(st.integers(1, 30), st.integers(1, 30), st.data())
def test_index_and_pixel_are_inverse_and_row_major(h, w, data):
    row, col = data.draw(st.integers(0, h - 1)), data.draw(st.integers(0, w - 1))
    image = np.arange(h * w).reshape(h, w)
    index = rasters.index_of(row, col, w)
    assert rasters.raster(image)[index] == image[row, col]
    assert rasters.pixel_of(index, w) == (row, col)
