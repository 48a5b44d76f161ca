"""Shared foundations every stage uses: the model's records (entities, statements, citations), the problem list with
file:line:col positions, and the RDF namespaces. Takes nothing; gives the types the pipeline passes along."""
