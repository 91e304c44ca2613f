"""The one way the CLI reports a failure: a single line and a status."""


class CliError(Exception):
    def __init__(self, message, status=1):
        super().__init__(message)
        self.status = status
