"""The AWS Regions SageMaker is in, as botocore knows them, and what to say of another.

A mistyped Region (``us-east-9``, ``us-east-1a``, the name of an Availability Zone) has no
endpoint: against AWS the connection fails, and a simulator has nothing to serve it from.
Each says so in words, with the nearest Regions.
"""

from __future__ import annotations

import functools

__all__ = ["known_regions", "region_hint"]

_SERVICE = "sagemaker"


@functools.cache
def known_regions() -> frozenset[str]:
    """Every Region of every partition that botocore's endpoint data gives SageMaker."""
    import botocore.session

    session = botocore.session.get_session()
    return frozenset(
        region
        for partition in session.get_available_partitions()
        for region in session.get_available_regions(_SERVICE, partition)
    )


def region_hint(region: str) -> str:
    """The message for a Region SageMaker is not in: the Region, and the nearest known ones."""
    from .._utils.suggest import nearest

    near = nearest(region, sorted(known_regions()), limit=3)
    nearest_text = f"; the nearest known: {', '.join(near)}" if near else ""
    return (
        f"{region!r} is not an AWS Region SageMaker is in{nearest_text} (check --region, "
        "AWS_REGION, AWS_DEFAULT_REGION or the profile's region)"
    )
