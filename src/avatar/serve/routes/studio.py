"""The studio page at ``/``: plain HTML, CSS and JavaScript shipped inside the package (no build step).
It signs in with an API key kept in the browser's session storage and uses the same API as any client."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parents[1] / "static"
router = APIRouter(tags=["studio"])


@router.get("/", include_in_schema=False)
async def studio_page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html")


def mount(app: FastAPI) -> None:
    app.mount("/studio", StaticFiles(directory=STATIC), name="studio")
