"""Module docstring.

Several lines.
"""


def f():
    """Function docstring."""
    return 1


class C:
    '''Class docstring.'''

    def m(self):
        r"""Raw docstring \n."""
