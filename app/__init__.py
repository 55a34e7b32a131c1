"""Loa's application layer: the services that the command line, the desk and the Prefect flows all call,
one room per capability (articles, pipeline, production, social, portal, radio, audit, quotas, voices,
people, recordings). Nothing in app/ imports Prefect, cli/, desk/ or flows/ (`make lint` checks it).
"""
