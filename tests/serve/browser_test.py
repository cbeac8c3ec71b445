#!/usr/bin/python3
"""A district officer and an auditor in a real browser (Debian's chromium, headless, driven by
chromium-driver through python3-selenium) against a running `oitscan serve`:

fills the self-check form with the demo site's URLs, watches the progress, reads the report in
Thai, sees the unit on the live dashboard (its stylesheet and sort script running under the CSP),
reads the report in English, logs in as an auditor and opens a capture of a page that carries a script
(which must not run). Screenshots go to the folder given (docs/ in the repository).

usage: browser_test.py BASE_URL DEMO_WEBSITE AUDITOR PASSWORD SCREENSHOT_DIR
"""
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

base, website, auditor, password, shots = sys.argv[1:6]


def fail(message):
    print("browser test FAILED: " + message, file=sys.stderr)
    sys.exit(1)


options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,1600",
            "--lang=th", "--no-first-run", "--disable-background-networking", "--disable-sync"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 300)
try:
    # 1. The self-check page, Thai first.
    driver.get(base + "/")
    if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "th":
        fail("the page is not Thai first")
    heading = driver.find_element(By.TAG_NAME, "h1").text
    if "ตรวจ" not in heading:
        fail("unexpected heading " + heading)
    driver.find_element(By.NAME, "unit_id").send_keys("bangna-browser")
    driver.find_element(By.NAME, "name_th").send_keys("สำนักงานเขตบางนา (ทดสอบเบราว์เซอร์)")
    driver.find_element(By.NAME, "website").send_keys(website)
    for n in range(1, 23):
        urls = website + "O%d/pass/index.html" % n
        driver.find_element(By.NAME, "O%d" % n).send_keys(urls)
    driver.save_screenshot(shots + "/serve-1-form.png")
    driver.find_element(By.ID, "check-button").click()

    # 2. Progress, live.
    wait.until(lambda d: "/checks/" in d.current_url)
    check_url = driver.current_url.split("?")[0]
    if driver.find_elements(By.ID, "progress"):
        driver.save_screenshot(shots + "/serve-2-progress.png")

    # 3. The report: every item passes on the demo site.
    wait.until(ec.presence_of_element_located((By.ID, "report")))
    score = driver.find_element(By.ID, "oit-score").text
    driver.save_screenshot(shots + "/serve-3-report.png")
    if score != "100.00":
        fail("OIT score " + score + ": " + " | ".join(li.text[:300] for li in driver.find_elements(By.CSS_SELECTOR, "li.item")[:2]))
    items = driver.find_elements(By.CSS_SELECTOR, "li.item")
    if len(items) != 22:
        fail("%d items in the report" % len(items))
    if "ผ่าน" not in items[0].text:
        fail("no Thai verdict: " + items[0].text)
    driver.save_screenshot(shots + "/serve-3-report.png")

    # 3b. The live dashboard: the unit's row; the inline stylesheet and the sort script are allowed
    # by their hashes in the page's CSP (a wrong hash leaves the cells unstyled and the headers dead).
    driver.get(base + "/dashboard")
    if not driver.find_elements(By.ID, "unit-bangna-browser"):
        fail("the dashboard has no row for the unit")
    cell = driver.find_element(By.CSS_SELECTOR, "#unit-bangna-browser td.cell.pass")
    if cell.value_of_css_property("background-color") != "rgba(229, 243, 232, 1)":
        fail("the dashboard's stylesheet did not apply: " + cell.value_of_css_property("background-color"))
    header = driver.find_element(By.CSS_SELECTOR, "#units th[data-sort=num]")
    header.click()
    if header.get_attribute("data-dir") != "asc":
        fail("the dashboard's sort script did not run")
    if "/units/bangna-browser" not in cell.find_element(By.TAG_NAME, "a").get_attribute("href"):
        fail("a grid cell does not link to the unit page")
    driver.save_screenshot(shots + "/serve-6-dashboard.png")

    # 4. English, by the toggle.
    driver.get(check_url)
    driver.find_element(By.ID, "lang-toggle").click()
    wait.until(lambda d: "lang=en" in d.current_url)
    if "Check of" not in driver.find_element(By.TAG_NAME, "h1").text:
        fail("the English toggle did not switch the report")

    # 5. An auditor logs in.
    driver.get(base + "/login")
    driver.find_element(By.NAME, "name").send_keys(auditor)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#login-form button").click()
    wait.until(lambda d: d.find_elements(By.CLASS_NAME, "who"))
    if auditor not in driver.find_element(By.CLASS_NAME, "who").text:
        fail("not logged in")

    # 6. A capture of the demo check's evidence, as captured.
    driver.get(check_url)
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a.capture")]
    if not links:
        fail("no capture links in the report")
    driver.get(links[0])
    if not driver.find_element(By.TAG_NAME, "body").text.strip():
        fail("the capture is empty")
    driver.save_screenshot(shots + "/serve-4-capture.png")

    # 7. A page with a script in it, checked and opened as a capture: shown, the script inert.
    driver.get(base + "/")
    driver.find_element(By.NAME, "unit_id").send_keys("bangna-script")
    driver.find_element(By.NAME, "website").send_keys(website)
    driver.find_element(By.NAME, "O1").send_keys(website + "O1/evil/index.html")
    driver.find_element(By.ID, "check-button").click()
    wait.until(ec.presence_of_element_located((By.ID, "report")))
    evil = None
    for li in driver.find_elements(By.CSS_SELECTOR, "ul.evidence li"):
        if "O1/evil/index.html" in li.get_attribute("textContent") and li.find_elements(By.CSS_SELECTOR, "a.capture"):
            evil = li.find_element(By.CSS_SELECTOR, "a.capture").get_attribute("href")
    if evil is None:
        fail("no capture link for the page with a script")
    driver.get(evil)
    time.sleep(1)
    body = driver.find_element(By.TAG_NAME, "body").text
    if "ประกาศ" not in body:
        fail("the capture does not show the page: " + body[:200])
    if driver.title == "pwned" or driver.execute_script("return document.body.dataset.ran || ''") == "yes":
        fail("the captured page's script ran")
    driver.save_screenshot(shots + "/serve-5-capture-script-inert.png")
    print("browser test passed: form, progress, report (OIT %s, 22 items), dashboard, English, login, inert capture" % score)
finally:
    driver.quit()
