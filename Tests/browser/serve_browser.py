#!/usr/bin/env python3
"""Drives `disclose serve` in headless Chromium with Selenium, as a teacher and a staff member would.

Usage: serve_browser.py BASE_URL USER PASSWORD CLASS_ZIP DOCX ARTEFACTS
  - signs in (keyboard only: Tab to each field, type, Enter);
  - a teacher uploads CLASS_ZIP on Check and downloads the register (CSV) into ARTEFACTS;
  - a staff member stamps DOCX and downloads ARTEFACTS/stamped/<name>;
  - a refused declaration (a tool the policy does not list) is shown in words;
  - screenshots at 1280 and 390 px wide are kept in ARTEFACTS.
Exits 0 when every step worked; otherwise prints what did not and exits 1.
"""
import os, sys, time
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

base, user, password, class_zip, docx, artefacts = sys.argv[1:7]
downloads = os.path.join(artefacts, "downloads")
os.makedirs(downloads, exist_ok=True)

options = Options()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(120)
failures = []

def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAILED:", what, file=sys.stderr)

def shots(name):
    for width in (1280, 390):
        driver.set_window_size(width, 1000)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(height, 600), 6000))
        driver.save_screenshot(os.path.join(artefacts, f"{name}-{width}.png"))
    driver.set_window_size(1280, 1000)

def wait_for(path, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if os.path.exists(path) and not os.path.exists(path + ".crdownload"):
            return True
        time.sleep(0.2)
    return False

def until(condition, seconds=60):
    """Waits for a page the browser is still loading (a form sent with Enter does not block)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except Exception:
            pass
        time.sleep(0.1)
    return False

def tab_to(element_id, limit=80):
    """Presses Tab until the element with `element_id` has focus: keyboard-only use."""
    body = driver.find_element(By.TAG_NAME, "body")
    for _ in range(limit):
        if driver.switch_to.active_element.get_attribute("id") == element_id:
            return driver.switch_to.active_element
        driver.switch_to.active_element.send_keys(Keys.TAB) if driver.switch_to.active_element != body else body.send_keys(Keys.TAB)
    raise AssertionError(f"Tab never reached #{element_id}")

try:
    # Sign in with the keyboard only.
    driver.get(base + "/check")
    check("/login" in driver.current_url, "an unsigned visitor is sent to the sign-in page")
    tab_to("user").send_keys(user)
    tab_to("password").send_keys(password + Keys.ENTER)
    check(until(lambda: driver.current_url.endswith("/check")), "signing in leads back to the page asked for")
    check(f"Signed in as {user}" in driver.page_source, "the page says who is signed in")

    # A teacher checks a class zip and downloads the register.
    driver.find_element(By.ID, "file").send_keys(class_zip)
    driver.find_element(By.CSS_SELECTOR, "form[action='/check'] button[type=submit]").send_keys(Keys.ENTER)
    until(lambda: driver.find_elements(By.CSS_SELECTOR, "#register tbody tr"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#register tbody tr")
    check(len(rows) == 30, f"the register has one row per submission (30), got {len(rows)}")
    check("Evidence, not verdicts" in driver.page_source, "the standing note is on the register page")
    shots("register")
    driver.find_element(By.XPATH, "//button[normalize-space()='Register (CSV)']").send_keys(Keys.ENTER)
    check(wait_for(os.path.join(downloads, "class-register.csv")), "the register downloads as class-register.csv")

    # A refusal in words.
    driver.get(base + "/stamp")
    driver.find_element(By.ID, "file").send_keys(docx)
    driver.find_element(By.ID, "tool-other").send_keys("ChatGPT")
    driver.find_element(By.CSS_SELECTOR, "input[name=purpose][value=drafting]").send_keys(Keys.SPACE)
    driver.find_element(By.CSS_SELECTOR, "input[name=extent][value=partial]").send_keys(Keys.SPACE)
    driver.find_element(By.CSS_SELECTOR, "input[name=review][value=edited]").send_keys(Keys.SPACE)
    driver.find_element(By.CSS_SELECTOR, "button[value=stamp]").send_keys(Keys.ENTER)
    until(lambda: "The policy does not allow" in driver.page_source)
    page = driver.page_source
    check("The policy does not allow this declaration" in page and "policy.tool-authorised" in page, "a refused tool is shown in words with its rule")
    shots("refusal")

    # A staff member stamps a DOCX with a tool the policy authorises, previewing first.
    driver.get(base + "/stamp")
    driver.find_element(By.CSS_SELECTOR, "input[name=tool][value='Microsoft 365 Copilot']").send_keys(Keys.SPACE)
    driver.find_element(By.CSS_SELECTOR, "input[name=purpose][value=drafting]").send_keys(Keys.SPACE)
    driver.find_element(By.CSS_SELECTOR, "input[name=extent][value=partial]").send_keys(Keys.SPACE)
    driver.find_element(By.CSS_SELECTOR, "input[name=review][value=edited]").send_keys(Keys.SPACE)
    driver.find_element(By.CSS_SELECTOR, "button[value=preview]").send_keys(Keys.ENTER)
    until(lambda: "The statement the document will carry" in driver.page_source)
    check("The statement the document will carry" in driver.page_source, "the preview shows the statement")
    shots("stamp-preview")
    driver.find_element(By.ID, "file").send_keys(docx)
    driver.find_element(By.CSS_SELECTOR, "button[value=stamp]").send_keys(Keys.ENTER)
    check(wait_for(os.path.join(downloads, os.path.basename(docx))), "the stamped file downloads under its own name")
    driver.get(base + "/policy")
    shots("policy")
except Exception as error:  # a step that could not even run
    failures.append(f"{type(error).__name__}: {error}")
    print("FAILED:", failures[-1], file=sys.stderr)
finally:
    driver.quit()

print(f"{7 - len(failures) if len(failures) < 7 else 0} steps passed, {len(failures)} failed; screenshots in {artefacts}")
sys.exit(1 if failures else 0)
