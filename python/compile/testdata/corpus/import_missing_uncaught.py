print("start")
import nope
