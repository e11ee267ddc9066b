#!/usr/bin/env python3
"""Drives the example widget in headless Chromium against the real engine.

Starts bridge.py (which starts `shopassist serve`), opens the page, types a question,
waits for product cards, clicks one, checks that the click reached the engine as an
`event`, and saves a screenshot that must be a real, non-blank picture.

    python3 docs/widget/test_widget.py --shopassist .build/debug/shopassist --store /tmp/w.sqlite --screenshot /tmp/widget.png

Needs: chromium and chromium-driver (Debian), selenium (PyPI).
"""
import argparse
import json
import os
import socket
import struct
import subprocess
import sys
import time
import urllib.request
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def png_stats(path):
    """(width, height, distinct colours sampled) of an 8-bit RGB/RGBA PNG, without PIL."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    channels = {2: 3, 6: 4}[colour]
    stride = width * channels + 1
    colours = set()
    previous = bytearray(stride - 1)
    for y in range(height):
        line = bytearray(raw[y * stride + 1:(y + 1) * stride])
        kind = raw[y * stride]
        for x in range(len(line)):  # undo PNG filters
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        previous = line
        if y % 7 == 0:
            for x in range(0, width, 5):
                colours.add(bytes(line[x * channels:x * channels + 3]))
    return width, height, len(colours)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shopassist", required=True)
    parser.add_argument("--store", required=True)
    parser.add_argument("--screenshot", default="widget.png")
    parser.add_argument("--question", default="show me headphones")
    args = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    port = free_port()
    bridge = subprocess.Popen([sys.executable, os.path.join(HERE, "bridge.py"), "--port", str(port), "--",
                               args.shopassist, "serve", "--store", args.store])
    driver = None
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/" % port, timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        options = webdriver.ChromeOptions()
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,900"):
            options.add_argument(flag)
        options.binary_location = "/usr/bin/chromium"
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        driver.get("http://127.0.0.1:%d/" % port)
        wait = WebDriverWait(driver, 120)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".bubble.bot"))
        box = driver.find_element(By.ID, "text")
        box.send_keys(args.question)
        driver.find_element(By.CSS_SELECTOR, "form button").click()
        cards = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".card"))
        print("widget: %d product cards after %r" % (len(cards), args.question))
        first_sku = cards[0].get_attribute("data-sku")
        cards[0].click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".card.clicked"))
        deadline = time.time() + 60
        while time.time() < deadline:
            relayed = json.load(urllib.request.urlopen("http://127.0.0.1:%d/log" % port))
            if any(m == "event" and p.get("sku") == first_sku for m, p in relayed):
                break
            time.sleep(0.2)
        else:
            raise AssertionError("the click on %s never reached the engine as an event" % first_sku)
        time.sleep(1)
        driver.save_screenshot(args.screenshot)
        width, height, colours = png_stats(args.screenshot)
        print("widget: screenshot %s %dx%d, %d colours sampled" % (args.screenshot, width, height, colours))
        assert width >= 800 and height >= 600, "screenshot too small"
        assert colours >= 20, "screenshot looks blank (%d colours)" % colours
        print("widget: all checks passed")
    finally:
        if driver is not None:
            driver.quit()
        bridge.terminate()
        bridge.wait(timeout=20)


if __name__ == "__main__":
    main()
