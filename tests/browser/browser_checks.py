#!/usr/bin/python3
"""Chromium headless reads the dashboard (OUT/index.html) and a unit report; prints ok/FAIL lines.

Runs with no network but loopback (three_nights_test.py starts it under `unshare -n`).
Usage: browser_checks.py OUT_DIR SCREENSHOT_DIR
"""
import datetime
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

OUT, SHOTS = sys.argv[1], sys.argv[2]
failed = 0


def check(cond, what):
    global failed
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    failed += 0 if cond else 1


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,900", "--lang=th",
                "--disable-background-networking", "--disable-component-update", "--no-first-run"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def full_page_shot(driver, path):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1366, min(max(height + 40, 600), 4000))
    driver.save_screenshot(path)
    driver.set_window_size(1366, 900)


def dashboard(driver):
    driver.get("file://" + os.path.join(OUT, "index.html"))
    scan_date = driver.find_element(By.ID, "scan-date").text
    be_year = datetime.datetime.utcnow().year + 543
    check(str(be_year) in scan_date and "เวลา" in scan_date and "เวลากรุงเทพฯ" in scan_date,
          f"scan date in Buddhist era, Bangkok time: {scan_date!r}")
    totals = [int(driver.find_element(By.ID, i).text) for i in ("total-pass", "total-fail", "total-unverified")]
    check(sum(totals) == 44, f"totals over 2 units × 22 items: pass/fail/unverified = {totals}")
    check(totals[1] >= 2, "totals count both O15 failures")
    items = driver.find_elements(By.CSS_SELECTOR, "ol.regressions li")
    check(len(items) >= 2, f"{len(items)} lines under regressions")
    first = items[0].text if items else ""
    check("bangna-demo" in first and "O15 ผ่าน → ไม่ผ่าน เมื่อคืน" in first, f"the regression is listed first: {first!r}")
    check(any("latkrabang-demo" in i.text and "ไม่ผ่านติดต่อกัน 3 คืน" in i.text for i in items),
          "latkrabang-demo O15 is shown failing for 3 nights")
    source = driver.page_source
    check("not-modified" not in source, "no not-modified row anywhere on the dashboard")
    rows = driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")
    check(rows and rows[0].get_attribute("id") == "unit-bangna-demo", "the unit with a regression comes first in the grid")
    trend = driver.find_elements(By.CSS_SELECTOR, "#unit-bangna-demo svg.trend polyline")
    points = trend[0].get_attribute("points").split() if trend else []
    check(len(points) == 3, f"the trend chart of bangna-demo has a point per night: {points}")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    check(width <= 1366, f"the dashboard fits a 1366 px screen (scrollWidth {width})")
    cell = driver.find_element(By.CSS_SELECTOR, "#unit-bangna-demo td.cell.fail a[href$='#O15']")
    title = cell.get_attribute("title")
    check("O15" in title and "ไม่ผ่าน" in title and "•" in title, f"hovering the cell gives the reason: {title!r}")

    # Sorting by unit: the inline script runs (allowed by its CSP hash) and reorders the rows, the
    # other way round from the page's own order (regressions first).
    header = driver.find_element(By.XPATH, "//table[@id='units']//th[starts-with(normalize-space(), 'หน่วยงาน')]")
    order = lambda: [tr.get_attribute("id") for tr in driver.find_elements(By.CSS_SELECTOR, "#units tbody tr")]
    header.click()
    asc = order()
    header.click()
    desc = order()
    check(asc == ["unit-bangna-demo", "unit-latkrabang-demo"] and desc == ["unit-latkrabang-demo", "unit-bangna-demo"],
          f"clicking the unit header sorts the rows both ways: {asc} then {desc}")
    csp_errors = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
    check(not csp_errors, f"no CSP violations: {csp_errors[:2]}")
    driver.get("file://" + os.path.join(OUT, "index.html"))
    full_page_shot(driver, os.path.join(SHOTS, "dashboard.png"))

    # A grid cell's link opens the unit report at the item.
    driver.find_element(By.CSS_SELECTOR, "#unit-bangna-demo td.cell.fail a[href$='#O15']").click()
    check(driver.current_url.endswith("/bangna-demo/report.html#O15"), f"the cell link opened {driver.current_url}")
    target = driver.find_element(By.ID, "O15")
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", target)
    check(target.is_displayed() and abs(top) < 5, f"the report is scrolled to item O15 (top {top})")
    check("O15" in target.text and "ไม่ผ่าน" in target.text, "the item shows its failure")


def unit_report(driver):
    driver.get("file://" + os.path.join(OUT, "bangna-demo", "report.html"))
    be_year = datetime.datetime.utcnow().year + 543
    check(str(be_year) in driver.find_element(By.ID, "checked-at").text, "the report's date is in Buddhist era")
    check(driver.find_elements(By.CSS_SELECTOR, "svg.gauge"), "the report has the score gauge")
    check(int(driver.find_element(By.ID, "count-fail").text) == 1, "the report counts one failing item")
    check(len(driver.find_elements(By.CSS_SELECTOR, "#O15 .history i")) == 3, "O15 shows its verdicts of the 3 runs")
    captures = driver.find_elements(By.CSS_SELECTOR, "a.capture")
    check(captures and all(os.path.exists(a.get_attribute("href")[len("file://"):]) for a in captures[:20]),
          f"evidence links to archived copies that exist ({len(captures)})")
    passing = driver.find_element(By.ID, "O1")
    driver.find_element(By.ID, "only-failing").click()
    check(not passing.is_displayed() and driver.find_element(By.ID, "O15").is_displayed(),
          "'failing items only' hides passing items and keeps O15")
    driver.find_element(By.ID, "only-failing").click()
    driver.execute_script("window.scrollTo(0, 0)")
    driver.set_window_size(1366, 1400)
    driver.save_screenshot(os.path.join(SHOTS, "unit-report.png"))


def main():
    driver = browser()
    try:
        dashboard(driver)
        unit_report(driver)
    finally:
        driver.quit()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
