"""Issue 17: a person's walk through `tws serve` in a real browser (Debian's chromium,
headless, driven by python3-selenium): log in, upload a file with an error by the file
input, read the error table, upload the fixed file, run select, open the 公示名单 PDF.

Usage: browser_walk.py BASE_URL BAD_XLSX GOOD_XLSX SCREENSHOT_DIR
"""
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.support.ui import Select, WebDriverWait

base, bad, good, shots = sys.argv[1:5]
failures = []


def heading(text):
    """The h1 once the page that has `text` in it has loaded (a click navigates asynchronously)."""
    try:
        WebDriverWait(driver, 60, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: text in d.find_element(By.TAG_NAME, "h1").text)
        return True
    except TimeoutException:
        return False


def expect(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


opts = webdriver.ChromeOptions()
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600", "--lang=zh-CN"):
    opts.add_argument(a)
opts.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
driver.implicitly_wait(5)
try:
    driver.get(base + "/")
    expect("/login" in driver.current_url, "not logged in: sent to the login page")
    driver.find_element(By.NAME, "name").send_keys("hr1")
    driver.find_element(By.NAME, "password").send_keys("pass-hr1-word")
    driver.find_element(By.CSS_SELECTOR, "form.login button").click()
    expect(heading("年度概况"), "logged in: the overview")
    Select(driver.find_element(By.NAME, "year")).select_by_value("2024")
    driver.find_element(By.CSS_SELECTOR, "form.year button").click()
    expect(heading("2024 年度概况"), "the year chosen from the list")
    driver.save_screenshot(shots + "/1-overview.png")

    driver.find_element(By.LINK_TEXT, "上传").click()
    heading("输入文件")
    driver.find_element(By.ID, "file-applications").send_keys(bad)
    driver.find_element(By.CSS_SELECTOR, "#slot-applications button").click()
    expect(heading("检查结果"), "the check's result page")
    hl = driver.find_elements(By.CSS_SELECTOR, "td.hl")
    expect(hl and hl[0].text == "很大", "the wrong cell highlighted in the row as read")
    cells = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "tr.problem-error > td")]
    expect("I4" in cells, "the error table names cell I4: %s" % cells[:6])
    driver.save_screenshot(shots + "/2-error.png")

    driver.find_element(By.PARTIAL_LINK_TEXT, "返回上传页").click()
    heading("输入文件")
    driver.find_element(By.ID, "file-applications").send_keys(good)
    driver.find_element(By.CSS_SELECTOR, "#slot-applications button").click()
    heading("检查结果")
    expect("已安装" in driver.find_element(By.CSS_SELECTOR, "td.state").text, "the fixed file installed")

    driver.find_element(By.LINK_TEXT, "运行").click()
    heading("年度运行")
    date = driver.find_element(By.CSS_SELECTOR, "form.year input[name=date]")
    driver.execute_script("arguments[0].value = '2024-05-16'", date)
    driver.find_element(By.CSS_SELECTOR, "form.year button").click()
    WebDriverWait(driver, 60).until(lambda d: "date=2024-05-16" in d.current_url)
    driver.find_element(By.CSS_SELECTOR, "button[value=select]").click()
    WebDriverWait(driver, 60).until(lambda d: "<h2>正在运行" in d.page_source or "<h2>上次运行" in d.page_source)
    for _ in range(300):
        if "<h2>正在运行" not in driver.page_source:
            break
        time.sleep(0.3)
        driver.refresh()
    out = driver.find_element(By.CSS_SELECTOR, "pre.output").text
    expect("【资格审查与评审】完成" in out, "the run's summary lines: " + out[-200:])
    driver.save_screenshot(shots + "/3-run.png")

    driver.find_element(By.LINK_TEXT, "文书").click()
    heading("年度文书")
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "公示名单.pdf")
    for attempt in (1, 2):  # a second try only to report what a first failure was
        kind = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(r.headers.get('content-type') + ' ' +"
            " (r.headers.get('content-type').startsWith('application/pdf') ? String.fromCharCode(...new Uint8Array(b.slice(0, 5)))"
            " : r.status + ' ' + new TextDecoder().decode(b).replace(/<[^>]*>/g, ' ').replace(/\\s+/g, ' ').slice(0, 300)))))"
            ".catch(e => done('ERR ' + e));",
            link.get_attribute("href"))
        if kind == "application/pdf %PDF-":
            break
        print("NOTE: fetch %d of the 公示名单 gave %r" % (attempt, kind))
        time.sleep(1)
    expect(kind == "application/pdf %PDF-", "the 公示名单 served as a PDF: %r (link %s)" % (kind, link.get_attribute("href")))
    driver.save_screenshot(shots + "/4-outputs.png")
except Exception:
    driver.save_screenshot(shots + "/failed.png")
    print("FAIL: at", driver.current_url)
    raise
finally:
    driver.quit()
sys.exit(1 if failures else 0)
