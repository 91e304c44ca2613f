"""Writing an output file whole or not at all."""
import contextlib
import os

from errors import CliError


@contextlib.contextmanager
def replacing(output):
    """A binary file at a temporary name beside output, which replaces output once written."""
    tmp = f"{output}.tmp{os.getpid()}"
    try:
        with open(tmp, "wb") as f:
            yield f
        os.replace(tmp, output)
    except OSError as e:
        raise CliError(f"{output}: {e.strerror.lower()}") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
