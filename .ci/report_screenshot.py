#!/usr/bin/env python3
"""Renders `shopassist report --html` in headless Chromium and checks the screenshot.

Usage: .ci/report_screenshot.py [SHOPASSIST_BINARY]   (default .build/debug/shopassist)

Builds a small demo shop in a temporary folder, writes the HTML report, opens it with
selenium + chromium-driver (no network), takes a screenshot and checks that it has the
expected size and is not blank (many distinct colours, not all white). Exits non-zero on failure.
"""
import os
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def main() -> int:
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/shopassist"
    work = tempfile.mkdtemp(prefix="shopassist-report-")
    store = os.path.join(work, "shop.sqlite")
    page = os.path.join(work, "report.html")
    shot = os.path.join(work, "report.png")
    subprocess.run([binary, "demo", "--store", store, "--products", "200", "--customers", "100",
                    "--orders", "1500", "--date", "2026-11-25"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "report", "--store", store, "--since", "2026-10-01", "--html", page],
                   check=True, stdout=subprocess.DEVNULL)
    html = open(page, encoding="utf-8").read()
    assert "<script" not in html, "the report must not need scripts"
    assert "<svg" in html, "the report has no SVG chart"

    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"):
        options.add_argument(flag)
    driver_path = next((p for p in ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver") if os.path.exists(p)), None)
    driver = webdriver.Chrome(options=options, service=Service(driver_path) if driver_path else Service())
    try:
        driver.get("file://" + page)
        charts = driver.find_elements("css selector", "svg")
        assert charts, "no SVG rendered"
        size = charts[0].size
        assert size["width"] > 300 and size["height"] > 100, f"chart too small: {size}"
        driver.save_screenshot(shot)
    finally:
        driver.quit()

    png = open(shot, "rb").read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert width >= 1000 and height >= 1000, f"screenshot is {width}x{height}"
    assert len(png) > 20_000, f"screenshot is only {len(png)} bytes: blank page?"
    try:
        from PIL import Image  # optional: a stronger blankness check
        image = Image.open(shot).convert("RGB")
        colours = image.getcolors(maxcolors=1 << 20) or []
        non_white = sum(count for count, rgb in colours if rgb != (255, 255, 255))
        assert len(colours) > 20 and non_white > 0.01 * width * height, "screenshot looks blank"
    except ImportError:
        pass
    print(f"ok: {shot} {width}x{height}, {len(png)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
