"""Found by training/purges.py: class members expire with anonymous progress."""

from organisations.services.classes import purge_expired_class_learners
from training.purges import register_purge

register_purge(purge_expired_class_learners)
