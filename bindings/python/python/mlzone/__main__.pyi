def main() -> int:
    """Runs ``mlzone`` with the process's arguments and returns its exit status."""
