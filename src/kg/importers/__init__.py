"""Importers: a dataset file (an ACLED export, a SESNSP crime table) and the checked graph in, YAML entities in the
project's format out, every statement cited to the dataset. Each dataset has one module; `yamlwriter` writes the
YAML deterministically and `tables` reads CSV files and reports bad cells as `file:row:column`."""
