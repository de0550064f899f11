import isEven from "is-even";
console.log(isEven(2));
