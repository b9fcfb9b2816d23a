"""Memory: the manager that checks, cleans and measures, and the ledger of measured peaks."""
